/**
 * Forgetting a seam store's credential is Goodsie's authoritative sign-out (security case 27; sign-outs.ts):
 * a persisted marker, the credential deleted without waiting for the store's renewal lock, the other
 * tabs told at once; a renewal in another tab that holds or waits for the lock (its token request
 * hanging), or runs without Web Locks, cannot write the credential back.
 * A new connection is saved under the same lock: a renewal of the old one in another tab cannot write
 * over it. Two "tabs" are two Connections on one fake IndexedDB with a paired channel.
 */
import { describe, expect, it, vi } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { Connections } from '../../../src/lib/auth/connections.ts';
import { SignOuts, type WithLock } from '../../../src/lib/auth/sign-outs.ts';
import type { Connector, CredentialsConnector } from '../../../src/lib/connect/connector.ts';
import type { Credential } from '../../../src/lib/connect/credential.ts';
import type { AppConfig } from '../../../src/lib/config/types.ts';
import type { SessionChannel } from '../../../src/lib/auth/session-channel.ts';
import { openStorage } from '../../../src/lib/storage/kv.ts';
import { CredentialVault } from '../../../src/lib/storage/credential-vault.ts';
import { catchAppError } from '../../helpers/catch-error.ts';
import { ChannelHub, sharedLocks } from '../../helpers/auth-tabs.ts';

const config: AppConfig = { stores: [{ id: 'fx', kind: 'foxy', name: 'Foxy', apiBase: 'https://api.foxy.example', auth: ['token-bundle'] }] };
const T0 = 1_700_000_000_000;

function tokens(n: number, obtainedAt: number) {
  return { accessToken: `at-${n}`, refreshToken: `rt-${n}`, tokenType: 'bearer' as const, scopes: [], expiresAt: obtainedAt + 7_200_000, obtainedAt };
}

/** Tabs of one browser: shared storage, clock, channel hub and connector calls; each its own Connections. */
function browser() {
  const factory = new IDBFactory();
  const hub = new ChannelHub();
  const clock = { now: T0 };
  const calls = { renew: 0, revoked: [] as string[] };
  /** Set to hold the next renewals until released. */
  let gate: Promise<void> | undefined;
  const connector: CredentialsConnector = {
    style: 'credentials',
    mode: 'token-bundle',
    async connect() {
      return { mode: 'token-bundle', tokens: tokens(1, clock.now), secrets: { clientSecret: 's' } };
    },
    async renew() {
      const n = ++calls.renew + 1;
      await gate;
      return { mode: 'token-bundle', tokens: tokens(n, clock.now) };
    },
    sign(credential, headers) {
      headers.set('Authorization', `Bearer ${credential.tokens!.accessToken}`);
    },
    async revoke(_ctx, credential) {
      calls.revoked.push(credential.tokens!.accessToken);
    },
  };
  /** `writes`: what a credential write waits for first (the other tab's storage, slow), while set. */
  async function tab(options: { withLock?: WithLock; channel?: SessionChannel | null; writes?: { held?: Promise<void>; waiting?: boolean } } = {}) {
    const { store } = await openStorage({ indexedDB: factory });
    const vault = new CredentialVault(store, { v1Mode: () => 'implicit' });
    const writes = options.writes;
    if (writes) {
      const put = vault.put.bind(vault);
      vault.put = async (credential) => {
        writes.waiting = writes.held !== undefined;
        await writes.held;
        return put(credential);
      };
    }
    const withLock: WithLock = options.withLock ?? ((_name, task) => task());
    const heard: string[] = [];
    const channel = options.channel !== undefined ? options.channel : hub.open();
    const signOuts = new SignOuts({ store, channel, withLock, now: () => clock.now });
    signOuts.on('signed-out', (storeId) => heard.push(storeId));
    const connections = new Connections({ config, fetch: async () => new Response(null), vault, now: () => clock.now, loadConnector: async () => connector as Connector, signOuts });
    return { connections, vault, heard };
  }
  const hold = (): (() => void) => {
    let release: () => void = () => undefined;
    gate = new Promise<void>((resolve) => (release = resolve));
    return () => {
      gate = undefined;
      release();
    };
  };
  return { tab, hub, clock, calls, hold };
}

const bundle = { clientId: 'c', clientSecret: 's', refreshToken: 'rt-1' };

/** Two tabs of one browser, the first connected with `bundle`; with a shared Web Lock unless `locks` is false. */
async function twoTabs(options: { locks?: boolean; otherChannel?: null } = {}) {
  const b = browser();
  const withLock = options.locks === false ? undefined : sharedLocks();
  const a = await b.tab(withLock ? { withLock: withLock.withLock } : {});
  const other = await b.tab({ ...(withLock ? { withLock: withLock.withLock } : {}), ...(options.otherChannel === null ? { channel: null } : {}) });
  await a.connections.connect('fx', 'token-bundle', bundle);
  return { b, a, other, taken: withLock?.taken ?? [] };
}

describe('forget on the seam', () => {
  it('deletes without the store’s lock, tells the other tabs, then revokes where the connector can', async () => {
    const { b, a, other, taken } = await twoTabs();
    await a.connections.forget('fx');
    // the connection's save (twoTabs) only: the forget left its marker instead of waiting for the lock
    expect(taken).toEqual(['storefront-connect:refresh:fx']);
    expect(await a.vault.get('fx')).toBeNull();
    // (the first message is the connection twoTabs made: the other tabs read it too)
    expect(b.hub.posted).toEqual([{ type: 'connected', storeId: 'fx' }, { type: 'signed-out', storeId: 'fx' }]);
    await vi.waitFor(() => expect(other.heard).toEqual(['fx']));
    expect(a.heard).toEqual([]); // not told of its own sign-out
    expect(b.calls.revoked).toEqual(['at-1']);
    // the other tab sends nothing with the old credential
    expect((await catchAppError(() => other.connections.sign('fx', new Headers()))).code).toBe('TOKEN_MISSING');
  });

  it('a renewal holding the lock in another tab, its token request unanswered, does not hold the forget up; answered later, it writes nothing back', async () => {
    const { b, a, other } = await twoTabs({ otherChannel: null });
    const release = b.hold();
    b.clock.now += 1_000;
    const renewing = catchAppError(() => other.connections.handleUnauthorized('fx', 'at-1'));
    await vi.waitFor(() => expect(b.calls.renew).toBe(1));
    let forgotten = false;
    const forgetting = a.connections.forget('fx').then(() => (forgotten = true));
    // done while the renewal still waits for its answer (it held the lock for up to 30 s before)
    await vi.waitFor(() => expect(forgotten).toBe(true));
    expect(await a.vault.get('fx')).toBeNull();
    release();
    await forgetting;
    expect((await renewing).code).toBe('TOKEN_MISSING');
    expect(await a.vault.get('fx')).toBeNull();
    expect(await other.connections.current('fx')).toBeNull();
    // the forgotten credential, then what the late renewal obtained (nobody may use it)
    expect(b.calls.revoked).toEqual(['at-1', 'at-2']);
  });

  it('a renewal whose write lands after the forget deleted the credential (it looked for the marker just before) undoes it', async () => {
    const b = browser();
    const a = await b.tab();
    const writes: { held?: Promise<void>; waiting?: boolean } = {};
    const other = await b.tab({ channel: null, writes });
    await a.connections.connect('fx', 'token-bundle', bundle);
    let letGo: () => void = () => undefined;
    writes.held = new Promise<void>((resolve) => (letGo = resolve));
    b.clock.now += 1_000;
    const renewing = catchAppError(() => other.connections.handleUnauthorized('fx', 'at-1'));
    // past its last look before writing: the marker was not there yet
    await vi.waitFor(() => expect(writes.waiting).toBe(true));
    await a.connections.forget('fx');
    letGo();
    expect((await renewing).code).toBe('TOKEN_MISSING');
    expect(await other.vault.get('fx')).toBeNull();
    expect(await other.connections.current('fx')).toBeNull();
    expect(b.calls.revoked).toEqual(['at-1', 'at-2']);
  });

  it('a renewal waiting for the lock behind the sign-out spends nothing', async () => {
    const { b, a, other } = await twoTabs({ otherChannel: null });
    b.clock.now += 1_000;
    const forgetting = a.connections.forget('fx');
    const renewing = catchAppError(() => other.connections.handleUnauthorized('fx', 'at-1'));
    await forgetting;
    expect((await renewing).code).toBe('TOKEN_MISSING');
    expect(b.calls.renew).toBe(0);
    expect(await other.vault.get('fx')).toBeNull();
  });

  it('without Web Locks, a renewal already running elsewhere cannot write back (the marker, even without the message)', async () => {
    const { b, a, other } = await twoTabs({ locks: false, otherChannel: null });
    const release = b.hold();
    b.clock.now += 1_000;
    const renewing = catchAppError(() => other.connections.handleUnauthorized('fx', 'at-1'));
    await vi.waitFor(() => expect(b.calls.renew).toBe(1));
    await a.connections.forget('fx');
    release();
    expect((await renewing).code).toBe('TOKEN_MISSING');
    expect(await a.vault.get('fx')).toBeNull();
    // what the late renewal obtained is revoked too (nobody may use it)
    expect(b.calls.revoked).toEqual(['at-1', 'at-2']);
  });

  it('a renewal of this tab still running when the other tab’s message arrives is void', async () => {
    const { b, a, other } = await twoTabs({ locks: false });
    const release = b.hold();
    b.clock.now += 1_000;
    const renewing = catchAppError(() => other.connections.handleUnauthorized('fx', 'at-1'));
    await vi.waitFor(() => expect(b.calls.renew).toBe(1));
    await a.connections.forget('fx');
    await vi.waitFor(() => expect(other.heard).toEqual(['fx']));
    // a new connection in the first tab meanwhile (its marker cleared): the void renewal must not overwrite it
    b.clock.now += 1_000;
    const fresh: Credential = await a.connections.connect('fx', 'token-bundle', bundle);
    release();
    expect((await renewing).code).toBe('TOKEN_MISSING');
    expect((await a.vault.get('fx'))?.tokens).toEqual(fresh.tokens);
  });

  it('connecting again clears the marker: the new credential renews normally', async () => {
    const b = browser();
    const a = await b.tab();
    await a.connections.connect('fx', 'token-bundle', bundle);
    await a.connections.forget('fx');
    await a.connections.connect('fx', 'token-bundle', bundle);
    await a.connections.handleUnauthorized('fx', 'at-1');
    expect(b.calls.renew).toBe(1);
    expect((await a.vault.get('fx'))?.tokens?.accessToken).toBe('at-2');
  });
});

describe('a new connection while another tab renews the old one', () => {
  it('is saved after that renewal, under the same lock: the new connection is what stays', async () => {
    const b = browser();
    const locks = sharedLocks();
    const a = await b.tab({ withLock: locks.withLock });
    const other = await b.tab({ withLock: locks.withLock });
    await a.connections.connect('fx', 'token-bundle', bundle);
    b.clock.now += 7_200_000; // expired: the next request renews first
    const release = b.hold();
    const renewing = other.connections.sign('fx', new Headers()); // holds the lock, its answer held
    await vi.waitFor(() => expect(b.calls.renew).toBe(1));
    b.clock.now += 1;
    const connecting = a.connections.connect('fx', 'token-bundle', bundle); // the credentials pasted again
    await new Promise((resolve) => setTimeout(resolve, 20));
    release();
    expect(await renewing).toBe('at-2');
    await connecting;
    const saved = await a.vault.get('fx');
    expect(saved?.tokens?.accessToken).toBe('at-1');
    expect(saved?.tokens?.obtainedAt).toBe(T0 + 7_200_001);
  });
});
