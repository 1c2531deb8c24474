import { afterEach, describe, expect, it } from 'vitest';
import { BROWSE, passwordGrant, tokenRequest } from './client.ts';
import { startShopwareStore, type ShopwareStore } from './server.ts';

let store: ShopwareStore | undefined;
afterEach(async () => {
  await store?.close();
  store = undefined;
});

async function failures(origin: string, n: number, username = 'admin'): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < n; i++) statuses.push((await passwordGrant(origin, username, 'wrong')).status);
  return statuses;
}

describe('login throttle (4.6.3, TimeBackoff)', () => {
  it('lets 10 attempts through, then throttles the 11th for 10 s with FRAMEWORK__AUTH_THROTTLED and no Retry-After', async () => {
    store = await startShopwareStore({ port: 0 });
    expect(await failures(store.origin, 10)).toEqual(Array(10).fill(400));
    const throttled = await passwordGrant(store.origin, 'admin', 'wrong');
    expect(throttled.status).toBe(429);
    expect(throttled.json).toEqual({
      errors: [{ status: '429', code: 'FRAMEWORK__AUTH_THROTTLED', title: 'Too Many Requests', detail: 'Auth throttled for 10 seconds.', meta: { parameters: { seconds: 10 } } }],
    });
    expect(throttled.headers.get('retry-after')).toBeNull();
    expect(throttled.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('throttles even the correct password, and lets it through once the wait is over (success resets)', async () => {
    store = await startShopwareStore({ port: 0 });
    await failures(store.origin, 10);
    expect((await passwordGrant(store.origin)).status).toBe(429);
    store.advanceClock(4);
    expect((await passwordGrant(store.origin)).json.errors[0].meta.parameters.seconds).toBe(6);
    store.advanceClock(6);
    expect((await passwordGrant(store.origin)).status).toBe(200);
    // reset: ten more free attempts
    expect(await failures(store.origin, 10)).toEqual(Array(10).fill(400));
  });

  it('does not count a throttled attempt; tiers 10 s, 30 s, 60 s', async () => {
    store = await startShopwareStore({ port: 0 });
    await failures(store.origin, 10);
    const waits: number[] = [];
    for (let attempt = 11; attempt <= 21; attempt++) {
      const refused = await passwordGrant(store.origin, 'admin', 'wrong');
      waits.push(refused.json.errors[0].meta.parameters.seconds);
      store.advanceClock(refused.json.errors[0].meta.parameters.seconds);
      expect((await passwordGrant(store.origin, 'admin', 'wrong')).status).toBe(400);
    }
    expect(waits).toEqual([10, 10, 10, 10, 10, 30, 30, 30, 30, 30, 60]);
  });

  it('keys by username + IP: integrations and refreshes share the empty-username bucket, other users are free', async () => {
    store = await startShopwareStore({ port: 0 });
    for (let i = 0; i < 10; i++) {
      await tokenRequest(store.origin, { grant_type: 'client_credentials', client_id: BROWSE.accessKeyId, client_secret: 'wrong' });
    }
    const integration = await tokenRequest(store.origin, { grant_type: 'client_credentials', client_id: BROWSE.accessKeyId, client_secret: BROWSE.secret });
    expect(integration.status).toBe(429);
    expect((await tokenRequest(store.origin, { grant_type: 'refresh_token', client_id: 'administration', refresh_token: 'x' })).status).toBe(429);
    expect((await passwordGrant(store.origin)).status).toBe(200);
  });

  it('divides the intervals by throttleDivisor', async () => {
    // 10 s / 10: a 1 s wait. At / 100 (100 ms) the 11th attempt came after the wait was over when both
    // cores were busy (a full run: 200, not 429).
    store = await startShopwareStore({ port: 0, throttleDivisor: 10 });
    await failures(store.origin, 10);
    const refused = await passwordGrant(store.origin);
    expect(refused.status).toBe(429);
    expect(refused.json.errors[0].meta.parameters.seconds).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect((await passwordGrant(store.origin)).status).toBe(200);
  });
});
