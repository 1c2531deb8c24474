import { describe, expect, it } from 'vitest';
import { maxConcurrency, summarize } from '../../bench/stats.ts';
import { parseOptions, sectionsToRun } from '../../bench/options.ts';
import { cpuShare, formatCpuShares, parseCpuTimes } from '../../bench/machine.ts';
import { noteOf, whyUnscored } from '../../bench/lighthouse-notes.ts';
import { evaluateBudgets, formatBudgets, formatTable, formatValue, type Budget, type Figure } from '../../bench/report.ts';

describe('summarize', () => {
  it('gives the median of an odd count, with min and max', () => {
    expect(summarize([30, 10, 20])).toEqual({ median: 20, min: 10, max: 30, runs: 3 });
  });
  it('averages the middle two of an even count, ignoring non-finite samples', () => {
    expect(summarize([4, 1, 3, 2, Number.NaN])).toEqual({ median: 2.5, min: 1, max: 4, runs: 4 });
  });
  it('refuses an empty set rather than inventing a figure', () => {
    expect(() => summarize([])).toThrow(/no samples/);
  });
});

describe('maxConcurrency', () => {
  it('is 1 for requests one after another, even when one ends as the next starts', () => {
    expect(maxConcurrency([{ start: 0, end: 10 }, { start: 10, end: 20 }, { start: 25, end: 30 }])).toBe(1);
  });
  it('counts overlapping requests', () => {
    expect(maxConcurrency([{ start: 0, end: 10 }, { start: 2, end: 8 }, { start: 5, end: 20 }, { start: 12, end: 13 }])).toBe(3);
  });
  it('is 0 for none', () => {
    expect(maxConcurrency([])).toBe(0);
  });
});

describe('parseOptions', () => {
  it('defaults to 5 runs of every section', () => {
    const options = parseOptions([]);
    expect(options).toMatchObject({ runs: 5, quick: false, only: null, out: 'test/bench/results/latest.json' });
    expect(sectionsToRun(options)).toEqual(['bytes', 'signin', 'warm', 'scale', 'lighthouse']);
  });
  it('--quick takes fewer runs and skips scale and lighthouse', () => {
    const options = parseOptions(['--quick']);
    expect(options.runs).toBe(2);
    expect(sectionsToRun(options)).toEqual(['bytes', 'signin', 'warm']);
    expect(options.out).toBe('test/bench/results/partial.json');
  });
  it('--only and --runs', () => {
    const options = parseOptions(['--only', 'scale', '--runs', '3']);
    expect(options.runs).toBe(3);
    expect(sectionsToRun(options)).toEqual(['scale']);
  });
  it.each([[['--runs', '0']], [['--runs', 'x']], [['--only', 'nope']], [['--only']], [['--fast']]])('refuses %j', (argv) => {
    expect(() => parseOptions(argv)).toThrow();
  });
});

const figure = (id: string, value: number | null, unit: Figure['unit'] = 'ms'): Figure => ({
  id,
  section: 'warm',
  label: id,
  unit,
  value,
  method: 'test',
});

describe('evaluateBudgets', () => {
  const budgets: Budget[] = [
    { figure: 'a', op: '<=', limit: 150, text: 'a <= 150' },
    { figure: 'b', op: '<', limit: 5000, text: 'b < 5000' },
    { figure: 'c', op: '>=', limit: 98, text: 'c >= 98' },
    { figure: 'd', op: '<=', limit: 1, text: 'd' },
    { figure: 'absent', op: '<=', limit: 1, text: 'not in this run' },
  ];
  it('says met or missed at the limit, not measured for a null, and skips figures not in the run', () => {
    const results = evaluateBudgets([figure('a', 150), figure('b', 5000), figure('c', 97.9), figure('d', null)], budgets);
    expect(results.map((r) => [r.budget.figure, r.verdict])).toEqual([
      ['a', 'met'],
      ['b', 'missed'],
      ['c', 'missed'],
      ['d', 'not measured'],
    ]);
  });
  it('prints the verdicts with the values in their unit', () => {
    const figures = [figure('a', 151)];
    expect(formatBudgets(evaluateBudgets(figures, budgets), figures)).toBe('MISSED  a <= 150: 151 ms\n');
  });
});

describe('formatValue and formatTable', () => {
  it('formats each unit', () => {
    expect(formatValue(34_712, 'bytes')).toBe('34.7 KB');
    expect(formatValue(12.4, 'ms')).toBe('12 ms');
    expect(formatValue(189_000, 'ms')).toBe('189.0 s');
    expect(formatValue(1.234, 'ratio')).toBe('1.23x');
    expect(formatValue(1, 'yes/no')).toBe('yes');
    expect(formatValue(null, 'MB')).toBe('n/a');
  });
  it('puts the median, the range of several runs and the method (with its note) in a row', () => {
    const f: Figure = { ...figure('warm', 120), stats: { median: 120, min: 100, max: 180, runs: 5 }, note: 'noisy | shared' };
    const table = formatTable([f]);
    expect(table.split('\n')[2]).toBe('| warm | 120 ms | 100 ms – 180 ms (5 runs) | test; noisy \\| shared |');
  });
});

describe('CPU share while a section ran (machine.ts)', () => {
  const stat = (user: number, idle: number, steal: number) => `cpu  ${user} 0 0 ${idle} 0 0 0 ${steal} 0 0\ncpu0 1 2 3 4 5 6 7 8 0 0\nintr 1 2\n`;

  it('reads the all-CPUs line: idle with iowait, steal, and the total of the eight first fields', () => {
    expect(parseCpuTimes('cpu  2571981 72514 368180 6510829 5289 0 21460 499464 0 0\ncpu0 1 1 1 1 1 1 1 1 0 0\n')).toEqual({
      total: 2571981 + 72514 + 368180 + 6510829 + 5289 + 0 + 21460 + 499464,
      idle: 6510829 + 5289,
      steal: 499464,
    });
    expect(parseCpuTimes('intr 1 2 3\n')).toBeNull();
    expect(parseCpuTimes('cpu  1 2 3\n')).toBeNull();
  });

  it('gives busy and steal as shares of the interval, and nothing without two readings', () => {
    const before = parseCpuTimes(stat(100, 100, 0));
    const after = parseCpuTimes(stat(400, 400, 200)); // +300 user, +300 idle, +200 steal: 800 ticks
    expect(cpuShare(before, after)).toEqual({ busyPercent: 37.5, stealPercent: 25 });
    expect(cpuShare(null, after)).toBeNull();
    expect(cpuShare(after, after)).toBeNull();
    expect(formatCpuShares({ bytes: null, scale: { busyPercent: 80, stealPercent: 31.2 } })).toBe('scale 80% busy, 31.2% steal');
  });
});

describe('Lighthouse figure notes', () => {
  it('names the audits that cost points and the runs left out, with Lighthouse’s reason', () => {
    expect(noteOf(new Set(), [])).toBeUndefined();
    expect(noteOf(new Set(['total-blocking-time']), [])).toEqual({ note: 'audits below 1: total-blocking-time' });
    const lhr = (over: object) => ({ categories: { performance: { auditRefs: [{ id: 'largest-contentful-paint' }, { id: 'total-blocking-time' }] } }, audits: {}, ...over });
    const reasons = [
      whyUnscored(undefined, 'performance'),
      whyUnscored(lhr({ runtimeError: { code: 'NO_FCP' } }), 'performance'),
      whyUnscored(lhr({ audits: { 'largest-contentful-paint': { scoreDisplayMode: 'error', errorMessage: 'NO_LCP' } } }), 'performance'),
      whyUnscored(lhr({}), 'performance'),
    ];
    expect(reasons).toEqual(['no result', 'NO_FCP', 'largest-contentful-paint errored (NO_LCP)', 'unknown']);
    expect(noteOf(new Set(['total-blocking-time']), ['run 3: NO_FCP'])).toEqual({ note: 'audits below 1: total-blocking-time; left out, no score: run 3: NO_FCP' });
  });
});
