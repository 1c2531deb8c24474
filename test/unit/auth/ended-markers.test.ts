/**
 * A connection the store ended (it refused the key or token on use) is deleted, and a marker of why
 * is left in its place (storage/ended-markers.ts): the reason's kind, the time and the mode, never
 * the credential, so that the screens can say why after a reload. A new connection clears it, and so
 * does Forget; a passing failure leaves none. Read at start in the words the screens show
 * (state/ended-before.ts).
 */
import { describe, expect, it } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { Connections } from '../../../src/lib/auth/connections.ts';
import type { Connector, CredentialsConnector } from '../../../src/lib/connect/connector.ts';
import type { AppConfig } from '../../../src/lib/config/types.ts';
import { AppError } from '../../../src/lib/oauth/errors.ts';
import { openStorage } from '../../../src/lib/storage/kv.ts';
import { CredentialVault } from '../../../src/lib/storage/credential-vault.ts';
import { parseEnded, readEnded } from '../../../src/lib/storage/ended-markers.ts';
import readEndedBefore from '../../../src/lib/state/ended-before.ts';
import { loadProfiles, knownProviderKinds } from '../../../src/lib/providers/registry.ts';
import { endedWhen } from '../../../src/lib/providers/ended-words.ts';

await loadProfiles(knownProviderKinds());

const HIPPO = { id: 'sh', kind: 'storehippo', name: 'Hippo', apiBase: 'https://hippo.example', apiVersion: '1.1', auth: ['access-key'], currency: 'INR' };
const config = { stores: [HIPPO] } as unknown as AppConfig;
const NOW = 1_700_000_000_000;
const KEY = 'secret-access-key-123';
const tokens = (expiresAt: number, refreshToken?: string) => ({ accessToken: 'at-1', tokenType: 'bearer' as const, scopes: [], expiresAt, obtainedAt: NOW - 10, ...(refreshToken ? { refreshToken } : {}) });

async function setup(renew?: () => Promise<never>) {
  const { store } = await openStorage({ indexedDB: new IDBFactory() });
  const vault = new CredentialVault(store, { v1Mode: () => 'implicit' });
  const connector: CredentialsConnector = {
    style: 'credentials',
    mode: 'access-key',
    async connect(_ctx, values) {
      return { mode: 'access-key', secrets: { accessKey: values['accessKey']! } };
    },
    sign(credential, headers) {
      headers.set('access-key', credential.secrets?.['accessKey'] ?? credential.tokens!.accessToken);
    },
    ...(renew ? { renew } : {}),
  };
  const connections = new Connections({ config, fetch: async () => new Response(null), vault, now: () => NOW, loadConnector: async () => connector as Connector });
  /** Every value the storage holds, as text (to look for the key). */
  const everything = async () => JSON.stringify(await Promise.all((await store.keys()).map(async (k) => [k, await store.get(k)])));
  const ended = () => readEnded(store, ['sh']);
  return { connections, vault, store, everything, ended };
}

describe('a connection the store ended leaves a marker of why, with no secret', () => {
  it('a 401 on a key that cannot renew: deleted, and the marker says refused, when and the mode, not the key', async () => {
    const { connections, vault, store, everything, ended } = await setup();
    await connections.connect('sh', 'access-key', { accessKey: KEY });
    await expect(connections.handleUnauthorized('sh', KEY)).rejects.toMatchObject({ code: 'TOKEN_EXPIRED' });
    expect(await vault.get('sh')).toBeNull();
    expect(await store.get('ended:sh')).toEqual({ v: 1, at: NOW, reason: 'refused', mode: 'access-key' });
    expect(await ended()).toEqual({ sh: { reason: 'refused', at: NOW, mode: 'access-key' } });
    expect(await everything()).not.toContain(KEY);
  });

  it('a renewal the store refuses (invalid_grant-class) leaves it too; a passing failure leaves none and keeps the connection', async () => {
    const dead = await setup(() => Promise.reject(new AppError('TOKEN_EXPIRED', 'invalid_grant')));
    await dead.vault.put({ v: 2, storeId: 'sh', kind: 'storehippo', mode: 'access-key', tokens: tokens(NOW + 7_000_000, 'rt-1') });
    await expect(dead.connections.handleUnauthorized('sh', 'at-1')).rejects.toMatchObject({ code: 'TOKEN_EXPIRED' });
    expect(await dead.ended()).toEqual({ sh: { reason: 'refused', at: NOW, mode: 'access-key' } });

    const passing = await setup(() => Promise.reject(new AppError('API_SERVER_ERROR', 'HTTP 503')));
    await passing.vault.put({ v: 2, storeId: 'sh', kind: 'storehippo', mode: 'access-key', tokens: tokens(NOW + 7_000_000, 'rt-1') });
    await expect(passing.connections.handleUnauthorized('sh', 'at-1')).rejects.toMatchObject({ code: 'TOKEN_RENEWAL_UNAVAILABLE' });
    expect(await passing.ended()).toEqual({});
    expect(await passing.vault.get('sh')).not.toBeNull();
  });

  it('a token that ran out with no way to renew says expired', async () => {
    const { connections, vault, ended } = await setup();
    await vault.put({ v: 2, storeId: 'sh', kind: 'storehippo', mode: 'access-key', tokens: tokens(NOW - 1) });
    await expect(connections.sign('sh', new Headers())).rejects.toMatchObject({ code: 'TOKEN_EXPIRED' });
    expect(await ended()).toEqual({ sh: { reason: 'expired', at: NOW, mode: 'access-key' } });
  });

  it('a new connection clears the marker, and so does Forget', async () => {
    const { connections, store, ended } = await setup();
    await connections.connect('sh', 'access-key', { accessKey: KEY });
    await connections.handleUnauthorized('sh', KEY).catch(() => undefined);
    await connections.connect('sh', 'access-key', { accessKey: 'new-key' });
    expect(await store.get('ended:sh')).toBeUndefined();
    await connections.handleUnauthorized('sh', 'new-key').catch(() => undefined);
    expect(await ended()).toMatchObject({ sh: { reason: 'refused' } });
    await connections.forget('sh');
    expect(await store.get('ended:sh')).toBeUndefined();
  });

  it('a marker of an unknown reason, or damaged, tells of no ending', () => {
    expect(parseEnded({ v: 1, at: 5, reason: 'stolen', mode: 'x' })).toBeNull();
    expect(parseEnded({ v: 1, at: 'then', reason: 'refused' })).toBeNull();
    expect(parseEnded({ v: 2, at: 5, reason: 'refused' })).toBeNull();
    expect(parseEnded(undefined)).toBeNull();
    expect(parseEnded({ v: 1, at: 7, reason: 'refused', mode: 42 })).toEqual({ reason: 'refused', at: 7 });
  });

  it('a crafted marker carries nothing but why, when and the mode; a time no date holds (1e400 is Infinity in JSON) tells of no ending, not of one on "Invalid Date"', () => {
    expect(parseEnded(JSON.parse('{"v":1,"at":7,"reason":"refused","mode":"key","accessToken":"tok","__proto__":{"x":1}}'))).toEqual({ reason: 'refused', at: 7, mode: 'key' });
    for (const at of [JSON.parse('1e400') as number, -Infinity, 9e15, -1]) expect(parseEnded({ v: 1, at, reason: 'refused' }), String(at)).toBeNull();
  });

  it('read at start in the words of the mode it was connected with', async () => {
    const { connections, store } = await setup();
    await connections.connect('sh', 'access-key', { accessKey: KEY });
    await connections.handleUnauthorized('sh', KEY).catch(() => undefined);
    const when = endedWhen(NOW);
    expect(await readEndedBefore(store, config)).toEqual({
      sh: {
        status: `Key refused on ${when} · paste a new key to connect again`,
        detail: `Hippo refused its access key on ${when}, so this browser removed it. Paste a new access key to connect again.`,
        mode: 'access-key',
      },
    });
  });
});
