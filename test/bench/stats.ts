/** Pure statistics for `npm run bench`: several runs summarised as median, min and max. */

export interface Summary {
  median: number;
  min: number;
  max: number;
  runs: number;
}

/** Median (mean of the middle two for an even count), min and max of the samples. */
export function summarize(samples: readonly number[]): Summary {
  const finite = samples.filter((n) => Number.isFinite(n));
  if (finite.length === 0) throw new Error('no samples to summarise');
  const sorted = [...finite].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { median, min: sorted[0]!, max: sorted[sorted.length - 1]!, runs: sorted.length };
}

export interface Interval {
  start: number;
  end: number;
}

/** The most intervals in flight at one moment (1 = strictly one after another; 0 for none). */
export function maxConcurrency(intervals: readonly Interval[]): number {
  const events = intervals.flatMap((i) => [
    { at: i.start, delta: 1 },
    { at: i.end, delta: -1 },
  ]);
  // An interval ending exactly when another starts does not overlap it: ends sort first.
  events.sort((a, b) => a.at - b.at || a.delta - b.delta);
  let current = 0;
  let most = 0;
  for (const event of events) {
    current += event.delta;
    most = Math.max(most, current);
  }
  return most;
}
