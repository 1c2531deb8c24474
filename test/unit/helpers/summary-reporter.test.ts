/** The run's last lines: the verdict CI reads, and the end-to-end tests that passed only on a retry. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TestModule } from 'vitest/node';
import SummaryReporter from '../../helpers/summary-reporter.ts';

type Fake = { name: string; state: 'passed' | 'failed' | 'skipped'; flaky?: boolean; error?: string };

/** A module as the reporter reads one: its id, its state, and its tests' results and diagnostics. */
function moduleOf(tests: Fake[], file = 'a', project = 'e2e', duration = 0): TestModule {
  const cases = tests.map((t) => ({
    fullName: t.name,
    result: () => ({ state: t.state, errors: t.error ? [{ message: t.error }] : undefined }),
    diagnostic: () => ({ flaky: t.flaky ?? false }),
  }));
  return {
    moduleId: `/work/x/test/${project}/${file}.test.ts`,
    project: { name: project },
    state: () => 'passed',
    diagnostic: () => ({ duration }),
    children: { size: cases.length, allTests: () => cases },
  } as unknown as TestModule;
}

function printed(tests: Fake[], others: TestModule[] = []): string {
  let out = '';
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((out += String(chunk)), true));
  new SummaryReporter().onTestRunEnd([moduleOf(tests), ...others], []);
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

  it("says where the time went: each project's files added up, then the five slowest files, above the verdict", () => {
    const files = [
      moduleOf([{ name: 'u', state: 'passed' }], 'quick', 'unit', 1_200),
      ...[40_000, 9_000, 61_400, 30_000, 12_000, 500].map((ms, i) => moduleOf([{ name: `t${i}`, state: 'passed' }], `f${i}`, 'e2e', ms)),
    ];
    const out = printed([{ name: 'a', state: 'passed' }], files);
    expect(out).toContain('time in files (added up): e2e 153 s, unit 1 s\n');
    const slowest = out.split('slowest files:\n')[1]!.split('\n').slice(0, 6);
    expect(slowest.slice(0, 5).map((line) => line.trim())).toEqual([
      '61 s  test/e2e/f2.test.ts',
      '40 s  test/e2e/f0.test.ts',
      '30 s  test/e2e/f3.test.ts',
      '12 s  test/e2e/f4.test.ts',
      '9 s  test/e2e/f1.test.ts',
    ]);
    expect(slowest[5]).toBe('');
    expect(out.trimEnd().split('\n').at(-1)).toBe('tests: 8 passed, 0 failed');
  });
});
