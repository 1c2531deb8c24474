import { sharedLocks } from '../../helpers/auth-tabs.ts';
import { describe, expect, it } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { Connections, signatureOf, type ConnectionsDeps } from '../../../src/lib/auth/connections.ts';
import { SignOuts } from '../../../src/lib/auth/sign-outs.ts';
import type { SessionMessage } from '../../../src/lib/auth/session-channel.ts';
import type { Connector, CredentialsConnector } from '../../../src/lib/connect/connector.ts';
import type { Credential } from '../../../src/lib/connect/credential.ts';
import type { AppConfig } from '../../../src/lib/config/types.ts';
import { AppError } from '../../../src/lib/oauth/errors.ts';
import { openStorage } from '../../../src/lib/storage/kv.ts';
import { onAPage } from '../../helpers/page-leaving.ts';
import { CredentialVault } from '../../../src/lib/storage/credential-vault.ts';

const config: AppConfig = {
  stores: [{ id: 'fx', kind: 'foxy', name: 'Foxy', apiBase: 'https://api.foxy.example', auth: ['token-bundle'] }],
};
const NOW = 1_000_000;

function tokens(access: string, refresh: string, expiresAt: number) {
  return { accessToken: access, refreshToken: refresh, tokenType: 'bearer' as const, scopes: [], expiresAt, obtainedAt: NOW };
}

async function setup(behaviour: { renew?: (credential: Credential) => Promise<Credential['tokens']>; noRenew?: boolean } = {}, deps: (store: Awaited<ReturnType<typeof openStorage>>['store']) => Partial<ConnectionsDeps> = () => ({})) {
  const { store } = await openStorage({ indexedDB: new IDBFactory() });
  const vault = new CredentialVault(store, { v1Mode: () => 'implicit' });
  const calls = { connect: [] as Array<Record<string, string>>, renew: 0, revoke: 0, locks: [] as string[] };
  const connector: CredentialsConnector = {
    style: 'credentials',
    mode: 'token-bundle',
    async connect(_ctx, values) {
      calls.connect.push({ ...values });
      if (values['refreshToken'] === 'bad') throw new AppError('CREDENTIALS_REJECTED', 'refused');
      return { mode: 'token-bundle', tokens: tokens('at-1', values['refreshToken']!, NOW + 7_200_000), secrets: { clientSecret: values['clientSecret']! } };
    },
    sign(credential, headers) {
      headers.set('Authorization', `Bearer ${credential.tokens!.accessToken}`);
    },
    async revoke() {
      calls.revoke++;
    },
  };
  if (!behaviour.noRenew) {
    connector.renew = async (_ctx, credential) => {
      calls.renew++;
      await new Promise((resolve) => setTimeout(resolve, 5));
      return { mode: credential.mode, tokens: await (behaviour.renew ?? (async () => tokens(`at-${calls.renew + 1}`, `rt-${calls.renew + 1}`, NOW + 7_200_000)))(credential) };
    };
  }
  const connections = new Connections({
    config,
    fetch: async () => new Response(null),
    vault,
    now: () => NOW,
    loadConnector: async () => connector as Connector,
    withLock: async (name, task) => {
      calls.locks.push(name);
      return task();
    },
    probe: async () => ['browse'],
    ...deps(store),
  });
  return { connections, vault, calls };
}

describe('Connections', () => {
  it('connects with trimmed values, keeps the probe result, and stores nothing when the store refuses', async () => {
    const { connections, vault, calls } = await setup();
    await expect(connections.connect('fx', 'token-bundle', { clientId: 'c', clientSecret: 's', refreshToken: 'bad' })).rejects.toMatchObject({ code: 'CREDENTIALS_REJECTED' });
    expect(await vault.get('fx')).toBeNull();
    const credential = await connections.connect('fx', 'token-bundle', { clientId: ' c ', clientSecret: ' s\n', refreshToken: 'rt-1' });
    expect(calls.connect[1]).toEqual({ clientId: 'c', clientSecret: 's', refreshToken: 'rt-1' });
    expect(credential).toMatchObject({ v: 2, storeId: 'fx', kind: 'foxy', mode: 'token-bundle', capabilities: ['browse'] });
    expect(await vault.get('fx')).toEqual(credential);
    // a password is its own, spaces at its ends included: sent as typed
    await connections.connect('fx', 'token-bundle', { clientId: ' c ', clientSecret: 's', refreshToken: 'bad', password: ' pass word ' }).catch(() => undefined);
    expect(calls.connect[2]).toEqual({ clientId: 'c', clientSecret: 's', refreshToken: 'bad', password: ' pass word ' });
  });

  it('renews once for concurrent signs when within 60 s of expiry, under the store lock, storing the rotated token first', async () => {
    const { connections, vault, calls } = await setup();
    await vault.put({ v: 2, storeId: 'fx', kind: 'foxy', mode: 'token-bundle', tokens: tokens('at-1', 'rt-1', NOW + 30_000), secrets: { clientSecret: 's' } });
    const headers = [new Headers(), new Headers(), new Headers()];
    const signed = await Promise.all(headers.map((h) => connections.sign('fx', h)));
    expect(calls.renew).toBe(1);
    expect(calls.locks).toEqual(['storefront-connect:refresh:fx']);
    expect(signed).toEqual(['at-2', 'at-2', 'at-2']);
    expect(headers.map((h) => h.get('authorization'))).toEqual(['Bearer at-2', 'Bearer at-2', 'Bearer at-2']);
    const stored = await vault.get('fx');
    expect(stored?.tokens?.refreshToken).toBe('rt-2');
    expect(stored?.secrets).toEqual({ clientSecret: 's' });
  });

  it('leaving the page asks first while a renewal spends the refresh token, until the rotated one is in the vault', async () => {
    await onAPage(async (leavingAsks) => {
      let askedDuringRenewal = false;
      const { connections, vault } = await setup({
        renew: async () => {
          askedDuringRenewal = leavingAsks();
          return tokens('at-2', 'rt-2', NOW + 3_600_000);
        },
      });
      await vault.put({ v: 2, storeId: 'fx', kind: 'foxy', mode: 'token-bundle', tokens: tokens('at-1', 'rt-1', NOW + 7_000_000) });
      expect(leavingAsks()).toBe(false);
      await connections.handleUnauthorized('fx', 'at-1');
      expect(askedDuringRenewal).toBe(true);
      expect(leavingAsks()).toBe(false);
      expect((await vault.get('fx'))?.tokens?.refreshToken).toBe('rt-2');
    });
  });

  it('after a 401 renews once, but not when another call renewed already', async () => {
    const { connections, vault, calls } = await setup();
    await vault.put({ v: 2, storeId: 'fx', kind: 'foxy', mode: 'token-bundle', tokens: tokens('at-1', 'rt-1', NOW + 7_000_000) });
    await connections.handleUnauthorized('fx', 'at-1');
    expect(calls.renew).toBe(1);
    await connections.handleUnauthorized('fx', 'at-1');
    expect(calls.renew).toBe(1);
    expect(signatureOf((await vault.get('fx'))!)).toBe('at-2');
  });

  it('ends the session only on an invalid_grant-class answer; a transient failure keeps the refresh token', async () => {
    const transient = await setup({ renew: async () => Promise.reject(new AppError('API_SERVER_ERROR', 'HTTP 503')) });
    await transient.vault.put({ v: 2, storeId: 'fx', kind: 'foxy', mode: 'token-bundle', tokens: tokens('at-1', 'rt-1', NOW + 7_000_000) });
    await expect(transient.connections.handleUnauthorized('fx', 'at-1')).rejects.toMatchObject({ code: 'TOKEN_RENEWAL_UNAVAILABLE', storeId: 'fx' });
    expect((await transient.vault.get('fx'))?.tokens?.refreshToken).toBe('rt-1');
    const dead = await setup({ renew: async () => Promise.reject(new AppError('TOKEN_EXPIRED', 'invalid_grant')) });
    await dead.vault.put({ v: 2, storeId: 'fx', kind: 'foxy', mode: 'token-bundle', tokens: tokens('at-1', 'rt-1', NOW + 7_000_000) });
    await expect(dead.connections.handleUnauthorized('fx', 'at-1')).rejects.toMatchObject({ code: 'TOKEN_EXPIRED', storeId: 'fx' });
    expect(await dead.vault.get('fx')).toBeNull();
  });

  it('a renewal that cannot reach the store says so (the "can’t reach" banner) and keeps the refresh token; its retry renews once the store answers, and says it is reachable (security case 22)', async () => {
    let down = true;
    const unavailable: string[] = [];
    const renewed: string[] = [];
    const { connections, vault, calls } = await setup(
      { renew: async (credential) => (down ? Promise.reject(new TypeError('Failed to fetch')) : tokens('at-2', `${credential.tokens!.refreshToken}+`, NOW + 7_200_000)) },
      () => ({ onRenewalUnavailable: (id) => unavailable.push(id), onRenewed: (id) => renewed.push(id) }),
    );
    // expired: the request cannot be signed, and the store cannot be reached to renew
    await vault.put({ v: 2, storeId: 'fx', kind: 'foxy', mode: 'token-bundle', tokens: tokens('at-1', 'rt-1', NOW - 1_000) });
    await expect(connections.sign('fx', new Headers())).rejects.toMatchObject({ code: 'TOKEN_RENEWAL_UNAVAILABLE', storeId: 'fx' });
    expect(unavailable).toEqual(['fx']);
    expect((await vault.get('fx'))?.tokens?.refreshToken).toBe('rt-1');
    // the retry while still down: unavailable again, nothing lost
    await expect(connections.retryRenewal('fx')).rejects.toMatchObject({ code: 'TOKEN_RENEWAL_UNAVAILABLE' });
    expect((await vault.get('fx'))?.tokens?.refreshToken).toBe('rt-1');
    // back: the retry renews with the kept refresh token and says so; a retry with nothing due only says so
    down = false;
    await connections.retryRenewal('fx');
    expect((await vault.get('fx'))?.tokens?.refreshToken).toBe('rt-1+');
    expect(renewed).toEqual(['fx']);
    await connections.retryRenewal('fx');
    expect(calls.renew).toBe(3);
    expect(renewed).toEqual(['fx', 'fx']);
  });

  it('a renewal after a 401 that cannot reach the store (the token not due by this clock): its retry renews, rather than saying the store is reachable again', async () => {
    let down = true;
    const renewed: string[] = [];
    const { connections, vault, calls } = await setup(
      { renew: async (credential) => (down ? Promise.reject(new TypeError('Failed to fetch')) : tokens('at-2', `${credential.tokens!.refreshToken}+`, NOW + 7_200_000)) },
      () => ({ onRenewed: (id) => renewed.push(id) }),
    );
    // the store refused at-1 (revoked, or expired early by its clock) though it has an hour to go here
    await vault.put({ v: 2, storeId: 'fx', kind: 'foxy', mode: 'token-bundle', tokens: tokens('at-1', 'rt-1', NOW + 3_600_000) });
    await expect(connections.handleUnauthorized('fx', 'at-1')).rejects.toMatchObject({ code: 'TOKEN_RENEWAL_UNAVAILABLE' });
    // still down: the retry tries, and says it still cannot
    await expect(connections.retryRenewal('fx')).rejects.toMatchObject({ code: 'TOKEN_RENEWAL_UNAVAILABLE' });
    expect(calls.renew).toBe(2);
    expect(renewed).toEqual([]);
    down = false;
    await connections.retryRenewal('fx');
    expect(calls.renew).toBe(3);
    expect(renewed).toEqual(['fx']);
    expect(signatureOf((await vault.get('fx'))!)).toBe('at-2');
    expect((await vault.get('fx'))?.tokens?.refreshToken).toBe('rt-1+');
  });

  it('a 401 on a connection that cannot renew forgets it; forget revokes at the store and deletes', async () => {
    const { connections, vault, calls } = await setup({ noRenew: true });
    await vault.put({ v: 2, storeId: 'fx', kind: 'foxy', mode: 'token-bundle', secrets: { accessKey: 'k' } });
    await expect(connections.handleUnauthorized('fx', 'k')).rejects.toMatchObject({ code: 'TOKEN_EXPIRED' });
    expect(await vault.get('fx')).toBeNull();
    await vault.put({ v: 2, storeId: 'fx', kind: 'foxy', mode: 'token-bundle', secrets: { accessKey: 'k' } });
    await connections.forget('fx');
    expect(calls.revoke).toBe(1);
    expect(await vault.get('fx')).toBeNull();
    await expect(connections.sign('fx', new Headers())).rejects.toMatchObject({ code: 'TOKEN_MISSING' });
  });

  it('a renewal granting other scopes tells this tab (onRegranted) and the others (the channel); the same grant tells nobody', async () => {
    const posted: SessionMessage[] = [];
    const regranted: Credential[] = [];
    const grants = [['catalog', 'orders'], ['orders', 'catalog'], ['catalog']];
    const withScopes = (n: number) => ({ ...tokens(`at-${n}`, `rt-${n}`, NOW + 30_000), scopes: grants[n - 1]! });
    let renewals = 1;
    const { connections, vault } = await setup({ renew: async () => withScopes(++renewals) }, (store) => ({
      signOuts: new SignOuts({ store, channel: { post: (m) => posted.push(m), subscribe: () => () => undefined }, withLock: (_n, task) => task(), now: () => NOW }),
      onRegranted: (credential) => regranted.push(credential),
    }));
    await vault.put({ v: 2, storeId: 'fx', kind: 'foxy', mode: 'token-bundle', tokens: withScopes(1) });
    await connections.sign('fx', new Headers()); // renewed: the same two scopes, in another order
    expect((await vault.get('fx'))?.tokens?.accessToken).toBe('at-2');
    expect(posted).toEqual([]);
    expect(regranted).toEqual([]);
    await connections.sign('fx', new Headers()); // renewed again: orders no longer granted
    const saved = await vault.get('fx');
    expect(saved?.tokens?.scopes).toEqual(['catalog']);
    expect(posted).toEqual([{ type: 'connected', storeId: 'fx' }]);
    expect(regranted).toEqual([saved]);
  });

  it('storage refusing the rotated refresh token (a quota): kept in memory for this tab, used by the next sign and renewal, and said (security case 24)', async () => {
    const failed: string[] = [];
    let refuse = false;
    const { connections, vault, calls } = await setup(
      { renew: async (credential) => tokens(`at-after-${credential.tokens!.refreshToken}`, `${credential.tokens!.refreshToken}+`, NOW + 30_000) },
      () => ({ onWriteFailed: (storeId, why) => failed.push(`${storeId}: ${why}`) }),
    );
    await vault.put({ v: 2, storeId: 'fx', kind: 'foxy', mode: 'token-bundle', tokens: tokens('at-1', 'rt-1', NOW + 30_000), secrets: { clientSecret: 's' } });
    const put = vault.put.bind(vault);
    vault.put = async (credential) => {
      if (refuse) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put(credential);
    };
    refuse = true;
    const first = new Headers();
    await connections.sign('fx', first);
    // the renewal spent rt-1: the store's answer (rt-1+) is what the next renewal must send
    expect(first.get('Authorization')).toBe('Bearer at-after-rt-1');
    expect(failed).toEqual(['fx: full']); // for want of space (QuotaExceededError), which the banner says
    expect((await vault.get('fx'))?.tokens?.refreshToken).toBe('rt-1'); // the vault's older copy
    expect((await connections.current('fx'))?.tokens?.refreshToken).toBe('rt-1+');
    // still due (30 s left): the next sign renews with the rotated token kept in memory, not rt-1
    const second = new Headers();
    await connections.sign('fx', second);
    expect(second.get('Authorization')).toBe('Bearer at-after-rt-1+');
    expect(calls.renew).toBe(2);
    // storage takes writes again: the next renewal is written, and memory no longer overrides it
    refuse = false;
    await connections.sign('fx', new Headers());
    expect((await vault.get('fx'))?.tokens?.refreshToken).toBe('rt-1+++'); // spent rt-1++, the one memory held
    expect(failed).toEqual(['fx: full', 'fx: full']);
  });

  it('space freed: "Try saving again" writes the kept credential under the store\'s lock, after a renewal holding it, never the older token over the renewed one', async () => {
    const locks = sharedLocks();
    const failed: string[] = [];
    const saved: string[] = [];
    let again: () => Promise<void> = async () => undefined;
    let refuse = false;
    let gate: Promise<void> | undefined;
    const { connections, vault } = await setup(
      {
        renew: async (credential) => {
          await gate;
          return tokens(`at-after-${credential.tokens!.refreshToken}`, `${credential.tokens!.refreshToken}+`, NOW + 30_000);
        },
      },
      () => ({
        withLock: locks.withLock,
        onWriteFailed: (storeId, why, saveAgain) => {
          failed.push(`${storeId}: ${why}`);
          again = saveAgain;
        },
        onSaved: (storeId) => saved.push(storeId),
      }),
    );
    await vault.put({ v: 2, storeId: 'fx', kind: 'foxy', mode: 'token-bundle', tokens: tokens('at-1', 'rt-1', NOW + 30_000), secrets: { clientSecret: 's' } });
    const put = vault.put.bind(vault);
    const written: string[] = [];
    let holdOlder: Promise<void> | undefined;
    vault.put = async (credential) => {
      if (refuse) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      if (credential.tokens?.refreshToken === 'rt-1+') await holdOlder;
      written.push(credential.tokens!.refreshToken!);
      return put(credential);
    };
    refuse = true;
    await connections.sign('fx', new Headers()); // rt-1+ refused: memory only
    await again(); // still full
    expect(failed).toEqual(['fx: full', 'fx: full']);
    expect(saved).toEqual([]);
    expect((await connections.current('fx'))?.tokens?.refreshToken).toBe('rt-1+');

    refuse = false;
    let answer: () => void = () => undefined;
    gate = new Promise((resolve) => (answer = resolve));
    let releaseOlder: () => void = () => undefined;
    holdOlder = new Promise((resolve) => (releaseOlder = resolve));
    const renewal = connections.sign('fx', new Headers()); // holds the lock, spends rt-1+ at the store
    await new Promise((resolve) => setTimeout(resolve, 20));
    const retry = again();
    answer();
    await renewal;
    releaseOlder();
    await retry;
    expect(written).toEqual(['rt-1++']);
    expect((await vault.get('fx'))?.tokens?.refreshToken).toBe('rt-1++');
    expect(saved[0]).toBe('fx');
  });
});
