import type { Reporter, SerializedError, TestModule } from 'vitest/node';

/**
 * Ends the run with one plain line, `tests: N passed, N failed`, that CI reads as the run's
 * verdict (vitest's own summary is boxed and coloured). Skipped tests are counted separately
 * so that a skipped test can never pass for a passed one, and an unhandled error (which fails
 * the run) counts as a failure, so the line never says "0 failed" on a red run. Before it, the
 * end-to-end tests that passed only on their second try (vite.config.ts's retry) are named, each
 * with its first try's error, so that a flaky test is seen rather than hidden by the retry; and
 * before those, where the run's time went (each project's files' time added up, and the slowest
 * files), so that a CI log says what to look at when the run grows toward its limit.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError>): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    const flaky: string[] = [];
    const perProject = new Map<string, number>();
    for (const mod of testModules) {
      const project = mod.project?.name || 'tests';
      perProject.set(project, (perProject.get(project) ?? 0) + fileTime(mod));
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
    if (testModules.length > 1) process.stdout.write(`\n${timeTaken(testModules, perProject)}\n`);
    if (flaky.length > 0) process.stdout.write(`\nflaky: ${flaky.length} passed only on their second try (e2e retry):\n${flaky.join('\n')}\n`);
    process.stdout.write(`\ntests: ${passed} passed, ${failed} failed${tail}\n`);
  }
}

/** A file's tests and hooks, in ms (0 for a file that did not run). */
function fileTime(mod: TestModule): number {
  return mod.diagnostic?.()?.duration ?? 0;
}

/** Each project's files' time added up (files run side by side, so more than the run's wall time), then the five slowest files. */
function timeTaken(testModules: ReadonlyArray<TestModule>, perProject: Map<string, number>): string {
  const s = (ms: number) => `${Math.round(ms / 1000)} s`;
  const projects = [...perProject].map(([name, ms]) => `${name} ${s(ms)}`).join(', ');
  const slowest = [...testModules]
    .sort((a, b) => fileTime(b) - fileTime(a))
    .slice(0, 5)
    .map((mod) => `  ${s(fileTime(mod)).padStart(5)}  ${mod.moduleId.replace(/^.*?\/test\//, 'test/')}`);
  return `time in files (added up): ${projects}\nslowest files:\n${slowest.join('\n')}`;
}

/** An error message's first line, without the colours of a terminal; "(no message)" when none was kept. */
function firstLine(message: string | undefined): string {
  return message?.replace(/\x1b\[[0-9;]*m/g, '').split('\n')[0]?.slice(0, 200) ?? '(no message)';
}
