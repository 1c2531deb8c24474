/**
 * Revocation on a slow but working link (a train, rural 3G: 5-15 s round trips): the store's answer
 * is waited for as long as a token request's, and both tokens go out at once (one round trip).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { REVOCATION_TIMEOUT_MS, revokeTokens } from '../../../src/lib/oauth/revocation.ts';

const TARGET = { revocationEndpoint: 'https://store.example/oauth2/revoke', clientId: 'c' };
const TOKENS = { accessToken: 'AT1', refreshToken: 'RT1' };

/** A fetch whose answers the test releases (200), or that reject when the request is aborted. */
function heldFetch() {
  const held: Array<{ token: string; answer: () => void; aborted: boolean }> = [];
  const fetch = vi.fn((_url: string | URL | Request, init?: RequestInit) =>
    new Promise<Response>((resolve, reject) => {
      const entry = { token: new URLSearchParams(String(init?.body)).get('token') ?? '', answer: () => resolve(new Response(null, { status: 200 })), aborted: false };
      init?.signal?.addEventListener('abort', () => ((entry.aborted = true), reject(new DOMException('aborted', 'AbortError'))));
      held.push(entry);
    }),
  );
  return { fetch: fetch as unknown as typeof globalThis.fetch, held };
}

describe('revokeTokens on a slow link', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('sends the refresh token and the access token at once, before either is answered', async () => {
    const { fetch, held } = heldFetch();
    const done = revokeTokens(fetch, TARGET, TOKENS);
    await vi.advanceTimersByTimeAsync(0);
    expect(held.map((h) => h.token)).toEqual(['RT1', 'AT1']);
    for (const h of held) h.answer();
    await expect(done).resolves.toBe(2);
  });

  it('waits for answers that take 12 s (the store is told, not given up on)', async () => {
    const { fetch, held } = heldFetch();
    const done = revokeTokens(fetch, TARGET, TOKENS);
    await vi.advanceTimersByTimeAsync(12_000);
    expect(held.some((h) => h.aborted)).toBe(false);
    for (const h of held) h.answer();
    await expect(done).resolves.toBe(2);
  });

  it('a store that never answers is given up on after the token requests’ limit, and nothing throws', async () => {
    const { fetch, held } = heldFetch();
    const done = revokeTokens(fetch, TARGET, TOKENS);
    await vi.advanceTimersByTimeAsync(REVOCATION_TIMEOUT_MS - 1);
    expect(held.some((h) => h.aborted)).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(held.map((h) => h.aborted)).toEqual([true, true]);
    await expect(done).resolves.toBe(0);
  });
});
