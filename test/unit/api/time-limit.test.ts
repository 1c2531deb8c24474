/**
 * The store API's time limit (api/time-limit.ts): a store that took the request and never answered
 * kept "Loading product…" and "Adding…" up for ever. The limit aborts the request and fails as
 * API_TIMEOUT; the caller's own abort stays an abort (the catalogue takes it silently); an answer in
 * time comes through as it was. Real timers, a limit of a few milliseconds.
 */
import { describe, expect, it } from 'vitest';
import { fetchInTime, STORE_API_TIME_LIMIT_MS } from '../../../src/lib/api/time-limit.ts';
import { AppError } from '../../../src/lib/oauth/errors.ts';

/** A fetch that never answers (it ends only when its request is aborted); keeps the signal it was given. */
function silentFetch(): { fetch: typeof fetch; signals: AbortSignal[] } {
  const signals: AbortSignal[] = [];
  const fetchImpl = ((_input: RequestInfo | URL, init: RequestInit = {}) => {
    if (init.signal) signals.push(init.signal);
    return new Promise<Response>((_resolve, reject) => {
      init.signal?.addEventListener('abort', () => reject(init.signal?.reason), { once: true });
    });
  }) as typeof fetch;
  return { fetch: fetchImpl, signals };
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the store API time limit', () => {
  it('is one limit of 20 s for every store API request', () => {
    expect(STORE_API_TIME_LIMIT_MS).toBe(20_000);
  });

  it('ends a request that gets no answer with API_TIMEOUT, and aborts the request itself', async () => {
    const silent = silentFetch();
    const error = await fetchInTime(silent.fetch, 30)('https://shop.example/api/v1/products/p1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('API_TIMEOUT');
    expect(silent.signals[0]?.aborted).toBe(true);
  });

  it('ends an answer whose body stalls after its headers with API_TIMEOUT too', async () => {
    const stalled = (async (_input: RequestInfo | URL, init: RequestInit = {}) => {
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('{"items":['));
          init.signal?.addEventListener('abort', () => controller.error(init.signal?.reason), { once: true });
        },
      });
      return new Response(body, { status: 200, headers: { 'Content-Type': 'application/json' } });
    }) as typeof fetch;
    const error = await fetchInTime(stalled, 30)('https://shop.example/api/v1/products').catch((e: unknown) => e);
    expect((error as AppError).code).toBe('API_TIMEOUT');
  });

  it('leaves the caller’s own abort an abort, with its reason, not a timeout or a failure', async () => {
    const silent = silentFetch();
    const controller = new AbortController();
    const reason = new DOMException('search replaced', 'AbortError');
    const pending = fetchInTime(silent.fetch, 40)('https://shop.example/api/v1/products?q=mug', { signal: controller.signal }).catch((e: unknown) => e);
    await wait(5);
    controller.abort(reason);
    expect(await pending).toBe(reason);
    expect(silent.signals[0]?.aborted).toBe(true);
    expect(silent.signals[0]?.reason).toBe(reason);
  });

  it('leaves an answer in time as it came: status, headers, body; and no abort comes after it', async () => {
    const signals: AbortSignal[] = [];
    const answering = (async (_input: RequestInfo | URL, init: RequestInit = {}) => {
      if (init.signal) signals.push(init.signal);
      return new Response('{"id":"p1"}', { status: 201, statusText: 'Created', headers: { 'X-Total-Count': '7', 'Content-Type': 'application/json' } });
    }) as typeof fetch;
    const controller = new AbortController();
    const answer = await fetchInTime(answering, 30)('https://shop.example/api/v1/cart', { method: 'POST', signal: controller.signal });
    expect(answer.status).toBe(201);
    expect(answer.statusText).toBe('Created');
    expect(answer.headers.get('X-Total-Count')).toBe('7');
    expect(await answer.json()).toEqual({ id: 'p1' });
    await wait(50);
    expect(signals[0]?.aborted).toBe(false);
    expect(controller.signal.aborted).toBe(false);
  });

  it('passes a network failure on as it came (each client says it as its own "could not be reached")', async () => {
    const failing = (async () => Promise.reject(new TypeError('Failed to fetch'))) as typeof fetch;
    await expect(fetchInTime(failing, 30)('https://shop.example/api/v1/products')).rejects.toThrow(TypeError);
  });

  it('hands an answer with status 0 (a redirect, not followed) back as it came', async () => {
    const answer = await fetchInTime(async () => Response.error(), 30)('https://shop.example/api/v1/products', { redirect: 'manual' });
    expect(answer.status).toBe(0);
  });
});
