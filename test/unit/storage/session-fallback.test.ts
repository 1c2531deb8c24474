import { describe, expect, it } from 'vitest';
import { createOidcStateStore } from '../../../src/lib/storage/oidc-state-store.ts';
import { PendingStore } from '../../../src/lib/storage/pending-store.ts';
import {
  SESSION_FALLBACK_PREFIX,
  SESSION_FALLBACK_RETAIN_MS,
  openSessionFallback,
} from '../../../src/lib/storage/session-fallback.ts';
import type { PendingAuthorization } from '../../../src/lib/oauth/types.ts';
import { catchAppError } from '../../helpers/catch-error.ts';
import { FakeWebStorage } from '../../helpers/fake-web-storage.ts';

const T0 = 1_700_000_000_000;

function setup() {
  const clock = { now: T0 };
  const web = new FakeWebStorage();
  const store = openSessionFallback({ storage: web, now: () => clock.now });
  if (!store) throw new Error('fallback refused a working storage');
  return { clock, web, store };
}

const pending = (state: string, createdAt = T0): PendingAuthorization => ({
  state,
  storeId: 'acme',
  flow: 'token',
  scopes: ['storefront'],
  returnTo: '/s/acme?q=mug',
  createdAt,
  binding: { storeId: 'acme', authorizationEndpoint: 'https://auth.acme.example/oauth2/authorize', redirectUri: 'https://app.example/' },
});

describe('openSessionFallback', () => {
  it('is null without sessionStorage, or when it refuses writes (but for want of space) or blocks reads', () => {
    expect(openSessionFallback({ storage: null, now: Date.now })).toBeNull();
    for (const failure of ['QuotaExceededError', 'SecurityError']) {
      const blocked = new FakeWebStorage();
      blocked.failReads = failure;
      expect(openSessionFallback({ storage: blocked, now: Date.now })).toBeNull();
    }
    const refusing = new FakeWebStorage();
    refusing.failWrites = 'SecurityError';
    expect(openSessionFallback({ storage: refusing, now: Date.now })).toBeNull();
  });

  it('full (QuotaExceededError) is kept, not taken for missing: its writes fail as STORAGE_FULL, and work once space is freed', async () => {
    const full = new FakeWebStorage();
    full.failWrites = 'QuotaExceededError';
    const store = openSessionFallback({ storage: full, now: () => T0 });
    if (!store) throw new Error('a full sessionStorage was taken for a missing one ("storage blocked")');
    const error = await catchAppError(() => store.set('pending:s1', { secret: 'VERIFIER-123' }));
    expect(error.code).toBe('STORAGE_FULL');
    expect(`${error.message} ${String(error.cause)}`).not.toContain('VERIFIER-123');
    full.failWrites = null;
    await store.set('pending:s1', { state: 's1' });
    expect(await store.get('pending:s1')).toEqual({ state: 's1' });
  });

  it('is null when reading the sessionStorage global itself throws (storage blocked)', () => {
    const saved = Object.getOwnPropertyDescriptor(globalThis, 'sessionStorage');
    Object.defineProperty(globalThis, 'sessionStorage', {
      configurable: true,
      get() {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
    });
    try {
      expect(openSessionFallback({ now: Date.now })).toBeNull();
    } finally {
      if (saved) Object.defineProperty(globalThis, 'sessionStorage', saved);
      else delete (globalThis as { sessionStorage?: unknown }).sessionStorage;
    }
  });

  it('keeps JSON values under its own prefix, leaves other keys alone, and the probe leaves nothing behind', async () => {
    const { web, store } = setup();
    web.setItem('someone-else', 'theirs');
    await store.set('pending:s1', { v: 1, pending: pending('s1') });
    expect(await store.get('pending:s1')).toEqual({ v: 1, pending: pending('s1') });
    expect(await store.keys()).toEqual(['pending:s1']);
    expect([...web.data.keys()].sort()).toEqual(['someone-else', `${SESSION_FALLBACK_PREFIX}pending:s1`]);
    await store.del('pending:s1');
    expect(await store.get('pending:s1')).toBeUndefined();
    expect([...web.data.keys()]).toEqual(['someone-else']);
  });

  it('update is a read-modify-write that returns the previous value; undefined deletes', async () => {
    const { store } = setup();
    expect(await store.update('k', () => 1)).toBeUndefined();
    expect(await store.update('k', (current) => (current as number) + 1)).toBe(1);
    expect(await store.get('k')).toBe(2);
    expect(await store.update('k', () => undefined)).toBe(2);
    expect(await store.keys()).toEqual([]);
  });

  it('an unreadable entry reads as missing and is removed', async () => {
    const { web, store } = setup();
    for (const garbage of ['{not json', '"a string"', '{"value":1}', '{"at":"yesterday","value":1}']) {
      web.setItem(`${SESSION_FALLBACK_PREFIX}broken`, garbage);
      expect(await store.get('broken')).toBeUndefined();
      expect(web.getItem(`${SESSION_FALLBACK_PREFIX}broken`)).toBeNull();
    }
  });

  it('removes entries past their retention (20 minutes) when listing keys and when it opens', async () => {
    const { clock, web, store } = setup();
    await store.set('old', 1);
    clock.now = T0 + 5 * 60_000;
    await store.set('newer', 2);
    clock.now = T0 + SESSION_FALLBACK_RETAIN_MS + 1;
    expect(await store.keys()).toEqual(['newer']);
    expect(web.getItem(`${SESSION_FALLBACK_PREFIX}old`)).toBeNull();

    clock.now = T0 + 5 * 60_000 + SESSION_FALLBACK_RETAIN_MS + 1;
    openSessionFallback({ storage: web, now: () => clock.now });
    expect(web.length).toBe(0);
  });

  it('a refused write is STORAGE_UNAVAILABLE, or STORAGE_FULL for want of space, and names no value', async () => {
    const { web, store } = setup();
    web.failWrites = 'SecurityError';
    const error = await catchAppError(() => store.set('pending:s1', { secret: 'VERIFIER-123' }));
    expect(error.code).toBe('STORAGE_UNAVAILABLE');
    expect(`${error.message} ${String(error.cause)}`).not.toContain('VERIFIER-123');
    web.failWrites = 'QuotaExceededError';
    const full = await catchAppError(() => store.set('pending:s1', { secret: 'VERIFIER-123' }));
    expect(full.code).toBe('STORAGE_FULL');
    expect(`${full.message} ${String(full.cause)}`).not.toContain('VERIFIER-123');
  });
});

describe('pending sign-ins on the fallback', () => {
  it('are single use: the second take is OAUTH_STATE_REUSED, and only a marker is left', async () => {
    const { web, store } = setup();
    const pendings = new PendingStore(store, { now: () => T0 });
    await pendings.put(pending('s1'));
    expect(web.dump()).toContain('/s/acme?q=mug');
    expect(await pendings.take('s1')).toEqual(pending('s1'));
    expect((await catchAppError(() => pendings.take('s1'))).code).toBe('OAUTH_STATE_REUSED');
    expect(web.dump()).not.toContain('/s/acme?q=mug');
  });

  it('are void after 10 minutes with OAUTH_STATE_EXPIRED (not "not started here"), and are then gone', async () => {
    const { clock, web, store } = setup();
    const pendings = new PendingStore(store, { now: () => clock.now });
    await pendings.put(pending('s1'));
    clock.now = T0 + 10 * 60_000 + 1;
    expect((await catchAppError(() => pendings.take('s1'))).code).toBe('OAUTH_STATE_EXPIRED');
    // nothing of the sign-in is left but that it expired, for which store and page (its path, not the
    // search typed there), until the fallback's retention ends: no scopes, endpoints or query
    const left = web.dump();
    for (const gone of ['\\"storefront\\"', 'auth.acme.example', 'app.example', 'q=mug']) expect(left).not.toContain(gone);
    expect(left).toContain('/s/acme');
    clock.now += SESSION_FALLBACK_RETAIN_MS + 1; // the marker was written at the answer
    expect(await store.keys()).toEqual([]);
    expect(web.length).toBe(0);
  });

  it('a used code-flow state keeps its store and page path for a replay to be placed (security case 3), never its verifier, scopes or query', async () => {
    const { web, store } = setup();
    const states = createOidcStateStore(store, { now: () => T0 });
    const data = { storeId: 'acme', returnTo: '/s/acme/orders?q=mug', scopes: ['storefront', 'admin'] };
    await states.set('s1', JSON.stringify({ id: 's1', code_verifier: 'VERIFIER-abc', data }));
    await states.remove('s1');
    expect(await states.inspect('s1')).toEqual({ status: 'used', about: { storeId: 'acme', returnTo: '/s/acme/orders' } });
    for (const gone of ['VERIFIER-abc', 'admin', 'q=mug']) expect(web.dump()).not.toContain(gone);
  });

  it('oidc-client-ts state (with the code verifier) is consumed once and leaves no verifier behind', async () => {
    const { web, store } = setup();
    const states = createOidcStateStore(store, { now: () => T0 });
    await states.set('s1', JSON.stringify({ id: 's1', code_verifier: 'VERIFIER-abc' }));
    expect(web.dump()).toContain('VERIFIER-abc');
    expect(await states.remove('s1')).toContain('VERIFIER-abc');
    expect(await states.inspect('s1')).toEqual({ status: 'used' });
    expect(await states.remove('s1')).toBeNull();
    expect(web.dump()).not.toContain('VERIFIER-abc');
  });
});
