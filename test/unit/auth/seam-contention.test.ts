/**
 * Five tabs of one seam store at token expiry (the e2e five-tab tests, without the browser): each tab
 * its own Connections on one fake IndexedDB, one Web Lock per store, a slow token endpoint. Nothing
 * bounds the wait for the lock or the renewal's fetch by a deadline, so however long the queue, every
 * tab signs with the one renewed token and none fails.
 */
import { describe, expect, it } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { Connections } from '../../../src/lib/auth/connections.ts';
import type { Connector, RedirectConnector } from '../../../src/lib/connect/connector.ts';
import type { AppConfig } from '../../../src/lib/config/types.ts';
import { openStorage } from '../../../src/lib/storage/kv.ts';
import { CredentialVault } from '../../../src/lib/storage/credential-vault.ts';
import { sharedLocks } from '../../helpers/auth-tabs.ts';

const config: AppConfig = { stores: [{ id: 'fx', kind: 'foxy', name: 'Foxy', apiBase: 'https://api.foxy.example', auth: ['token-bundle'] }] };
const T0 = 1_700_000_000_000;
const tokens = (n: number, expiresAt: number) => ({ accessToken: `at-${n}`, refreshToken: `rt-${n}`, tokenType: 'bearer' as const, scopes: [], expiresAt, obtainedAt: T0 });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function fiveTabs(renewMs: number) {
  const factory = new IDBFactory();
  const locks = sharedLocks();
  const clock = { now: T0 };
  const spent: string[] = [];
  const connector: RedirectConnector = {
    style: 'redirect',
    mode: 'refresh-code',
    begin: async () => new URL('https://unused.example'),
    complete: async () => ({ mode: 'refresh-code', tokens: tokens(1, T0 + 1_799_000) }),
    async renew(_ctx, credential) {
      spent.push(credential.tokens!.refreshToken!); // a rotating refresh token: spent once
      await sleep(renewMs);
      return { mode: 'refresh-code', tokens: tokens(spent.length + 1, clock.now + 1_799_000) };
    },
    sign: (credential, headers) => headers.set('Authorization', `Bearer ${credential.tokens!.accessToken}`),
  };
  const tabs = await Promise.all(
    Array.from({ length: 5 }, async () => {
      const { store } = await openStorage({ indexedDB: factory });
      const vault = new CredentialVault(store, { v1Mode: () => 'implicit' });
      return { vault, connections: new Connections({ config, fetch: async () => new Response(null), vault, now: () => clock.now, loadConnector: async () => connector as Connector, withLock: locks.withLock }) };
    }),
  );
  await tabs[0]!.vault.put({ v: 2, storeId: 'fx', kind: 'foxy', mode: 'refresh-code', tokens: tokens(1, T0 + 1_799_000) });
  return { tabs, clock, spent };
}

describe('five tabs of a seam store at expiry', () => {
  it('proactive: the token due in every tab at once, a slow endpoint: one renewal, every tab signs with it', async () => {
    const { tabs, clock, spent } = await fiveTabs(300);
    clock.now = T0 + 1_799_000 - 10_000; // within the 60 s margin
    const signed = await Promise.all(tabs.flatMap(({ connections }) => [0, 1, 2].map(() => connections.sign('fx', new Headers()))));
    expect(spent).toEqual(['rt-1']);
    expect(new Set(signed)).toEqual(new Set(['at-2']));
  });

  it('reactive: the store ended the token early, five tabs get 401s staggered over the renewal: one renewal, none fails', async () => {
    const { tabs, spent } = await fiveTabs(200);
    const handled = tabs.map(async ({ connections }, i) => {
      await sleep(i * 60); // the 401s arrive while the first renewal is still out
      await connections.handleUnauthorized('fx', 'at-1');
      return connections.sign('fx', new Headers());
    });
    expect(await Promise.all(handled)).toEqual(['at-2', 'at-2', 'at-2', 'at-2', 'at-2']);
    expect(spent).toEqual(['rt-1']);
  });
});
