import type { Reporter, SerializedError, TestModule } from 'vitest/node';

/**
 * Ends the run with one plain line, `tests: N passed, N failed`, that CI reads as the run's
 * verdict (vitest's own summary is boxed and coloured). Skipped tests are counted separately
 * so that a skipped test can never pass for a passed one, and an unhandled error (which fails
 * the run) counts as a failure, so the line never says "0 failed" on a red run. Before it, the
 * end-to-end tests that passed only on their second try (vite.config.ts's retry) are named, each
 * with its first try's error, so that a flaky test is seen rather than hidden by the retry.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError>): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    const flaky: string[] = [];
    for (const mod of testModules) {
      for (const test of mod.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed' && test.diagnostic()?.flaky) flaky.push(`  ${mod.moduleId.replace(/^.*?\/test\//, 'test/')} > ${test.fullName}\n    first try: ${firstLine(test.result().errors?.[0]?.message)}`);
        if (state === 'passed') passed++;
        else if (state === 'failed') failed++;
        else skipped++;
      }
      if (mod.state() === 'failed' && mod.children.size === 0) failed++;
    }
    failed += unhandledErrors.length;
    const tail = skipped > 0 ? `, ${skipped} skipped` : '';
    if (flaky.length > 0) process.stdout.write(`\nflaky: ${flaky.length} passed only on their second try (e2e retry):\n${flaky.join('\n')}\n`);
    process.stdout.write(`\ntests: ${passed} passed, ${failed} failed${tail}\n`);
  }
}

/** An error message's first line, without the colours of a terminal; "(no message)" when none was kept. */
function firstLine(message: string | undefined): string {
  return message?.replace(/\x1b\[[0-9;]*m/g, '').split('\n')[0]?.slice(0, 200) ?? '(no message)';
}
