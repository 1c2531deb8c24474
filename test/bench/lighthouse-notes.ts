/**
 * What a Lighthouse figure says beside its score (lighthouse.ts): the audits that cost it points,
 * and the runs left out of the median for giving no score, with Lighthouse's reason, so that a
 * median of 4 runs out of 5 says what happened to the fifth.
 */

/** The figure's note: the audits that cost it points, and the runs left out for giving no score. */
export function noteOf(failing: Set<string>, unscored: string[]): { note: string } | undefined {
  const parts = [
    ...(failing.size > 0 ? [`audits below 1: ${[...failing].join(', ')}`] : []),
    ...(unscored.length > 0 ? [`left out, no score: ${unscored.join('; ')}`] : []),
  ];
  return parts.length > 0 ? { note: parts.join('; ') } : undefined;
}

/** Why Lighthouse gave `category` no score in a run: its runtime error, or the audits that errored. */
export function whyUnscored(lhr: { runtimeError?: { code?: string }; categories: Record<string, { auditRefs: { id: string }[] }>; audits: Record<string, { scoreDisplayMode?: string; errorMessage?: string }> } | undefined, category: string): string {
  if (!lhr) return 'no result';
  if (lhr.runtimeError?.code) return lhr.runtimeError.code;
  const errored = (lhr.categories[category]?.auditRefs ?? []).map((ref) => ({ id: ref.id, audit: lhr.audits[ref.id] })).filter(({ audit }) => audit?.scoreDisplayMode === 'error');
  return errored.length > 0 ? errored.map(({ id, audit }) => `${id} errored (${audit?.errorMessage ?? 'no message'})`).join(', ') : 'unknown';
}
