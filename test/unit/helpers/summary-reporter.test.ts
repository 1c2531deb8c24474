/** The run's last lines: the verdict CI reads, and the end-to-end tests that passed only on a retry. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TestModule } from 'vitest/node';
import SummaryReporter from '../../helpers/summary-reporter.ts';

type Fake = { name: string; state: 'passed' | 'failed' | 'skipped'; flaky?: boolean; error?: string };

/** A module as the reporter reads one: its id, its state, and its tests' results and diagnostics. */
function moduleOf(tests: Fake[]): TestModule {
  const cases = tests.map((t) => ({
    fullName: t.name,
    result: () => ({ state: t.state, errors: t.error ? [{ message: t.error }] : undefined }),
    diagnostic: () => ({ flaky: t.flaky ?? false }),
  }));
  return { moduleId: '/work/x/test/e2e/a.test.ts', state: () => 'passed', children: { size: cases.length, allTests: () => cases } } as unknown as TestModule;
}

function printed(tests: Fake[]): string {
  let out = '';
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((out += String(chunk)), true));
  new SummaryReporter().onTestRunEnd([moduleOf(tests)], []);
  write.mockRestore();
  return out;
}

afterEach(() => vi.restoreAllMocks());

describe('summary reporter', () => {
  it('names a test that passed only on its second try, with its first error, above the verdict', () => {
    const out = printed([
      { name: 'steady', state: 'passed' },
      { name: 'late list', state: 'passed', flaky: true, error: '\x1b[31mexpected 0 to be greater than 0\x1b[39m\n  at sameFirst' },
    ]);
    expect(out).toContain('flaky: 1 passed only on their second try');
    expect(out).toContain('test/e2e/a.test.ts > late list\n    first try: expected 0 to be greater than 0\n');
    expect(out.trimEnd().split('\n').at(-1)).toBe('tests: 2 passed, 0 failed');
  });

  it('says nothing of retries when every test passed at once, and counts failures and skips apart', () => {
    const out = printed([
      { name: 'a', state: 'passed' },
      { name: 'b', state: 'failed', error: 'boom' },
      { name: 'c', state: 'skipped' },
    ]);
    expect(out).not.toContain('flaky');
    expect(out.trim()).toBe('tests: 1 passed, 1 failed, 1 skipped');
  });
});
