/**
 * Session.load lists the seam stores' saved connections through the seam's door (store-connections.ts
 * and what it loads: connections, the credential vault, the connectors' loaders), which it builds
 * only when the vault's listing met a seam store's record: a first visit to a deployment with seam
 * stores has none, and its stores list shows without downloading the door. The vault's keys and
 * each record are read once at start-up, by that one listing. Beside it, without the door, the
 * marker a store left where it ended a connection (storage/ended-markers.ts) is read once per seam store.
 */
import { describe, expect, it } from 'vitest';
import type { AuthEvent } from '../../../src/lib/auth/auth-service.ts';
import { SessionStore } from '../../../src/lib/auth/session-store.ts';
import type { AppConfig } from '../../../src/lib/config/types.ts';
import { Session } from '../../../src/lib/state/session.svelte.ts';
import { type KeyValueStore } from '../../../src/lib/storage/kv.ts';
import { createMemoryStore } from '../../../src/lib/storage/memory-store.ts';
import { grantedScopes } from '../../../src/lib/state/store-capabilities.ts';

type AuthLike = ConstructorParameters<typeof Session>[0];

const CONFIG: AppConfig = {
  stores: [
    { id: 'foxy', kind: 'foxy', name: 'Foxy Store', apiBase: 'https://api.foxy.io', auth: ['token-bundle'] },
    {
      id: 'acme',
      kind: 'goodsie',
      name: 'Acme',
      authorizationEndpoint: 'https://acme.example/oauth2/authorize',
      apiBase: 'https://acme.example',
      clientId: 'app',
      redirectUri: 'https://app.example/',
      defaultScopes: ['storefront'],
      flow: 'token',
    },
  ],
};

const TOKENS = { accessToken: 'AT', tokenType: 'bearer', scopes: ['storefront'], expiresAt: null, obtainedAt: 1 };

/**
 * A session over `store` whose saved sessions are listed as the boot lists them (LazyAuth.listSaved:
 * a SessionStore on the sealed store), counting how often the seam's door was built (it takes the
 * sign-outs then) and how often the store's keys were read.
 */
function sessionOver(store: KeyValueStore, returning = true): {
  session: Session;
  doorsBuilt: () => number;
  keyReads: () => number;
  recordReads: (key: string) => number;
  emit: (event: AuthEvent) => void;
} {
  let listener: (event: AuthEvent) => void = () => undefined;
  let built = 0;
  let keyReads = 0;
  const gets = new Map<string, number>();
  const counted: KeyValueStore = {
    ...store,
    keys: () => (keyReads++, store.keys()),
    get: (key) => (gets.set(key, (gets.get(key) ?? 0) + 1), store.get(key)),
  };
  const auth = {
    persistent: true,
    returning,
    canSignIn: true,
    credentialStore: counted,
    fetchImpl: (() => Promise.reject(new Error('no request expected'))) as typeof fetch,
    get signOuts() {
      built++;
      return { on: () => () => undefined };
    },
    listSessions: () => new SessionStore(counted).list(),
    onEvent: (l: (event: AuthEvent) => void) => {
      listener = l;
      return () => undefined;
    },
  } as unknown as AuthLike;
  return { session: new Session(auth, CONFIG), doorsBuilt: () => built, keyReads: () => keyReads, recordReads: (key) => gets.get(key) ?? 0, emit: (event) => listener(event) };
}

describe('Session.load and the seam’s door', () => {
  it('an empty vault: one read of its keys, no door, nothing connected, nothing discarded', async () => {
    const { session, doorsBuilt, keyReads, recordReads } = sessionOver(createMemoryStore());
    await session.load();
    expect(keyReads()).toBe(1);
    expect(doorsBuilt()).toBe(0);
    // each store's ended marker (the seam's and Goodsie's alike), read once by code of its own, not waited for
    await expect.poll(() => recordReads('ended:foxy')).toBe(1);
    await expect.poll(() => recordReads('ended:acme')).toBe(1);
    expect(session.isConnected('foxy')).toBe(false);
    expect(session.discarded).toEqual([]);
  });

  it('a first visit (storage no earlier visit left) reads no ended marker, and downloads no code for them', async () => {
    const { session, recordReads } = sessionOver(createMemoryStore(), false);
    await session.load();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(recordReads('ended:foxy')).toBe(0);
    expect(recordReads('ended:acme')).toBe(0);
  });

  it('keys of other kinds (a sign-out marker, a pending sign-in) are no vault record: no door', async () => {
    const store = createMemoryStore();
    await store.set('signed-out:foxy', 1);
    await store.set('seam-pending:x', {});
    const { session, doorsBuilt } = sessionOver(store);
    await session.load();
    expect(doorsBuilt()).toBe(0);
  });

  it('a Goodsie session only: listed, with no door for the seam', async () => {
    const store = createMemoryStore();
    await store.set('session:acme', { v: 1, session: { storeId: 'acme', tokens: TOKENS } });
    const { session, doorsBuilt, keyReads } = sessionOver(store);
    await session.load();
    expect(session.isConnected('acme')).toBe(true);
    expect(doorsBuilt()).toBe(0);
    expect(keyReads()).toBe(1);
  });

  it('a seam store’s record: the door is built and links it, the keys and the record each read once', async () => {
    const store = createMemoryStore();
    await store.set('session:foxy', { v: 2, storeId: 'foxy', kind: 'foxy', mode: 'token-bundle', tokens: TOKENS, secrets: { clientSecret: 's' } });
    const { session, doorsBuilt, keyReads, recordReads } = sessionOver(store);
    await session.load();
    expect(doorsBuilt()).toBe(1);
    expect(session.isConnected('foxy')).toBe(true);
    expect(session.discarded).toEqual([]);
    expect(keyReads()).toBe(1);
    // The door checks the record the listing read (on IndexedDB: a read and a decryption each).
    expect(recordReads('session:foxy')).toBe(1);
  });

  it('a damaged seam record: read by the door, discarded and reported once', async () => {
    const store = createMemoryStore();
    await store.set('session:foxy', { v: 2, storeId: 'foxy', kind: 'foxy' }); // no mode
    const { session, doorsBuilt } = sessionOver(store);
    await session.load();
    expect(doorsBuilt()).toBe(1);
    expect(session.discarded).toEqual(['foxy']);
    expect(await store.keys()).toEqual([]);
  });

  it('a record nothing can read: discarded and reported by the listing, without the door', async () => {
    const store = createMemoryStore();
    await store.set('session:foxy', 'not a credential');
    const { session, doorsBuilt } = sessionOver(store);
    await session.load();
    expect(doorsBuilt()).toBe(0);
    expect(session.discarded).toEqual(['foxy']);
    expect(await store.keys()).toEqual([]);
  });

  it('a new grant saved in another tab updates the seam store in place; only a store whose access had ended here loads afresh', async () => {
    const store = createMemoryStore();
    const record = { v: 2, storeId: 'foxy', kind: 'foxy', mode: 'token-bundle', tokens: TOKENS, secrets: { clientSecret: 's' } };
    await store.set('session:foxy', record);
    const { session, emit } = sessionOver(store);
    await session.load();
    const epoch = session.epoch('foxy');

    await store.set('session:foxy', { ...record, tokens: { ...TOKENS, accessToken: 'AT2', scopes: [] } });
    emit({ type: 'connected-elsewhere', storeId: 'foxy' });
    await expect.poll(() => grantedScopes(session, 'foxy')).toEqual([]);
    expect(session.epoch('foxy')).toBe(epoch); // the screens stay as they are (focus, typing)

    session.markExpired('foxy');
    await store.set('session:foxy', { ...record, tokens: { ...TOKENS, accessToken: 'AT3' } });
    emit({ type: 'connected-elsewhere', storeId: 'foxy' });
    await expect.poll(() => session.isExpired('foxy')).toBe(false);
    expect(session.epoch('foxy')).toBe(epoch + 1); // ended here: its screens load afresh
  });
});
