/**
 * The capability probes of platforms.md 2.4, as data: a pasted key carries no scope list, so right
 * after connecting the app asks three harmless questions and reads the answers' statuses.
 */
import type { Capability } from '../../domain/capability.ts';
import type { StoreHippoEntity } from './wire.ts';

export type ProbeId = 'products' | 'orders' | 'coupons';

export interface StoreHippoProbe {
  id: ProbeId;
  entity: StoreHippoEntity;
  query: Readonly<Record<string, string>>;
  /** What a 2xx answer grants. */
  grants: readonly Capability[];
  /** What a 401/403 answer means: the key is refused outright, or only this feature is locked. */
  onDenied: 'reject-credential' | 'lock';
}

/** In order: the products probe first (it decides whether connecting succeeds at all). */
export const STOREHIPPO_PROBES: readonly StoreHippoProbe[] = [
  { id: 'products', entity: 'ms.products', query: { limit: '1', total: '1' }, grants: ['browse', 'viewUnpublished', 'viewInventory'], onDenied: 'reject-credential' },
  { id: 'orders', entity: 'ms.orders', query: { limit: '1' }, grants: ['viewOrders'], onDenied: 'lock' },
  { id: 'coupons', entity: 'ms.coupon_codes', query: { limit: '1' }, grants: ['viewCoupons'], onDenied: 'lock' },
];

/** `ok` 2xx; `denied` 401/403; `failed` anything else (5xx, 429, 404, network): no verdict on the key. */
export type ProbeOutcome = 'ok' | 'denied' | 'failed';

export function classifyProbeStatus(status: number): ProbeOutcome {
  if (status >= 200 && status < 300) return 'ok';
  if (status === 401 || status === 403) return 'denied';
  return 'failed';
}

export type ProbeVerdict =
  /** Products answered 401/403: "key rejected or disabled". */
  | { kind: 'rejected' }
  /** Products failed otherwise: neither connected nor rejected; say so and offer a retry. */
  | { kind: 'unavailable' }
  | {
      kind: 'connected';
      capabilities: ReadonlySet<Capability>;
      /** Features this key's role cannot use ("this key's role cannot read orders"). */
      locked: readonly ProbeId[];
      /** Probes that failed for another reason: their features are off until a retry. */
      unknown: readonly ProbeId[];
    };

/**
 * The verdict from the probes' outcomes. `editProducts` is offered when the orders probe succeeded
 * (no safe write probe exists); a 403 on a save removes it (`withoutEdit`).
 */
export function capabilitiesFromProbes(outcomes: Readonly<Record<ProbeId, ProbeOutcome>>): ProbeVerdict {
  if (outcomes.products === 'denied') return { kind: 'rejected' };
  if (outcomes.products === 'failed') return { kind: 'unavailable' };
  const capabilities = new Set<Capability>();
  const locked: ProbeId[] = [];
  const unknown: ProbeId[] = [];
  for (const probe of STOREHIPPO_PROBES) {
    const outcome = outcomes[probe.id];
    if (outcome === 'ok') for (const capability of probe.grants) capabilities.add(capability);
    else if (outcome === 'denied') locked.push(probe.id);
    else unknown.push(probe.id);
  }
  if (outcomes.orders === 'ok') capabilities.add('editProducts');
  return { kind: 'connected', capabilities, locked, unknown };
}

/** After a 403 on a save: the same set without `editProducts`, for the rest of the session. */
export function withoutEdit(capabilities: ReadonlySet<Capability>): ReadonlySet<Capability> {
  const next = new Set(capabilities);
  next.delete('editProducts');
  return next;
}
