/**
 * Redirect sign-ins of the kinds already on the seam (FlickRocket): begin through the kind's
 * connector, keep its single-use pending record, and complete the callback. Loaded only when such a
 * sign-in starts or a callback may be one. FlickRocket does not echo `state`, so the record is kept
 * in one slot (the latest redirect sign-in of this browser) rather than under its state; a state the
 * server does echo must still match it (the connector checks).
 */
import type { CapturedCallback, PendingSignIn, RedirectConnector } from '../connect/connector.ts';
import type { IssuedCredential } from '../connect/credential.ts';
import type { StoreConfig } from '../connect/store-config.ts';
import { AppError } from '../oauth/errors.ts';
import type { TokenSet } from '../oauth/types.ts';
import { SIGN_IN_LIFETIME_WORDS } from '../oauth/state.ts';
import { loadConnector } from '../providers/loaders.ts';
import type { KeyValueStore } from '../storage/kv.ts';
import { SingleUseStore } from '../storage/single-use-store.ts';

const SLOT = 'redirect';

export interface SeamDeps {
  kv: KeyValueStore;
  fetch: typeof globalThis.fetch;
  now: () => number;
}

function pendingStore(deps: SeamDeps): SingleUseStore<PendingSignIn> {
  return new SingleUseStore<PendingSignIn>(deps.kv, 'seam-pending:', { now: deps.now, parse: parsePending });
}

async function redirectConnector(store: StoreConfig): Promise<RedirectConnector> {
  const mode = 'refresh-code';
  const connector = await loadConnector(store.kind, mode);
  if (connector.style !== 'redirect') throw new AppError('CONFIG_INVALID', 'this store does not connect by redirect', { storeId: store.id });
  return connector;
}

/** The authorization URL; the pending record is durable before it is returned. */
export async function beginSeamSignIn(store: StoreConfig, request: { scopes: string[]; returnTo: string }, deps: SeamDeps): Promise<string> {
  const connector = await redirectConnector(store);
  const records = pendingStore(deps);
  await records.sweep();
  const url = await connector.begin(
    { store, fetch: deps.fetch, now: deps.now },
    { ...request, savePending: (pending) => records.put(SLOT, pending, pending.createdAt) },
  );
  return url.href;
}

/** Whether a query callback is for a seam redirect (FlickRocket's `companyid`, or no `state` at all). */
export function isSeamCallback(params: URLSearchParams): boolean {
  return params.has('companyid') || !params.has('state');
}

/**
 * Takes the pending record (once) and completes the callback with its store's connector.
 * OAUTH_STATE_MISMATCH without a pending sign-in, OAUTH_STATE_REUSED for a replayed callback,
 * OAUTH_STATE_EXPIRED after 10 minutes.
 */
export async function completeSeamSignIn(
  captured: CapturedCallback,
  stores: readonly StoreConfig[],
  deps: SeamDeps,
): Promise<{ pending: PendingSignIn; issued: IssuedCredential }> {
  const found = await pendingStore(deps).take(SLOT);
  if (found.status === 'used') throw new AppError('OAUTH_STATE_REUSED', 'this sign-in response was already used');
  if (found.status === 'expired') throw new AppError('OAUTH_STATE_EXPIRED', `this sign-in took longer than ${SIGN_IN_LIFETIME_WORDS}`);
  if (found.status === 'missing') throw new AppError('OAUTH_STATE_MISMATCH', 'no sign-in is waiting for this response');
  const pending = found.value;
  const store = stores.find((candidate) => candidate.id === pending.storeId);
  if (!store) throw new AppError('OAUTH_STATE_MISMATCH', 'the sign-in was for a store that is no longer configured');
  const connector = await redirectConnector(store);
  try {
    const issued = await connector.complete({ store, fetch: deps.fetch, now: deps.now }, captured, pending);
    return { pending, issued };
  } catch (error) {
    if (error instanceof AppError) error.storeId ??= store.id;
    throw error;
  }
}

function parsePending(value: unknown): PendingSignIn | null {
  const p = value as Record<string, unknown> | null;
  if (
    typeof p !== 'object' ||
    p === null ||
    typeof p['state'] !== 'string' ||
    typeof p['storeId'] !== 'string' ||
    typeof p['mode'] !== 'string' ||
    !Array.isArray(p['scopes']) ||
    !p['scopes'].every((s) => typeof s === 'string') ||
    typeof p['returnTo'] !== 'string' ||
    typeof p['createdAt'] !== 'number'
  ) {
    return null;
  }
  return { state: p['state'], storeId: p['storeId'], mode: p['mode'], scopes: [...(p['scopes'] as string[])], returnTo: p['returnTo'], createdAt: p['createdAt'] };
}

/**
 * One renewal through the kind's connector. TOKEN_EXPIRED for invalid_grant (the session ends);
 * anything else leaves the stored refresh token as it was.
 */
export async function renewSeam(store: StoreConfig, tokens: TokenSet, deps: SeamDeps): Promise<TokenSet> {
  const connector = await loadConnector(store.kind, 'refresh-code');
  if (!connector.renew) throw new AppError('TOKEN_EXPIRED', 'this sign-in cannot be renewed', { storeId: store.id });
  const issued = await connector.renew({ store, fetch: deps.fetch, now: deps.now }, { v: 2, storeId: store.id, kind: store.kind, mode: connector.mode, tokens });
  if (!issued.tokens) throw new AppError('OAUTH_INVALID_RESPONSE', 'the store issued no token', { storeId: store.id });
  return issued.tokens;
}
