/**
 * The retry loop both store API clients send through, pinned through each of them: Goodsie's
 * numbered client (api/client.ts) and the seam's transport (api/transport.ts). Renew once after a
 * 401, wait out up to MAX_RATE_LIMIT_RETRIES 429s as Retry-After says, tell onRateLimited before
 * each wait, stop when aborted; and where the two really differ, each one's own way.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createStoreApi } from '../../../src/lib/api/client.ts';
import { createTransport } from '../../../src/lib/api/transport.ts';
import { AppError } from '../../../src/lib/oauth/errors.ts';
import { HttpError } from '../../../src/lib/oauth/http-errors.ts';
import { goodsie } from '../../../src/lib/providers/goodsie.ts';
import { fakeFetch, json, unanswered } from '../../helpers/fake-fetch.ts';

const ORIGIN = 'https://api.shop.example';
const OK = { name: 'S', currency: 'USD' };

afterEach(() => {
  vi.useRealTimers();
});

type Answer = Response | Error | (() => Response);

interface Run {
  call: (signal?: AbortSignal) => Promise<unknown>;
  /** One line per event, in order: `fetch <authorization>`, `renew <refused>`, `limited <s> #<n>`, `sleep <ms>`, `credential`. */
  log: string[];
  /** Requests sent. */
  sent: () => number;
}

interface Options {
  renew?: () => Promise<void>;
  realSleep?: boolean;
  hooks?: Parameters<typeof createTransport>[0]['hooks'];
}

interface Driver {
  name: string;
  /** The message of a 401 after the renewal: each client its own. */
  unauthorizedMessage: string;
  rateLimitedMessage: (times: number) => string;
  run: (answers: Answer[], options?: Options) => Run;
}

/** What a driver's client is built with: the fake fetch, the log, and the recording wait unless the real one is asked for. */
interface Wiring {
  fetch: typeof globalThis.fetch;
  log: string[];
  options: Options;
  sleep: { sleep?: (ms: number, signal?: AbortSignal) => Promise<void> };
  onRateLimited: (info: { retryInSeconds: number; attempt: number }) => void;
}

function driver(name: string, operation: string, unauthorizedMessage: string, build: (wiring: Wiring) => Run['call']): Driver {
  return {
    name,
    unauthorizedMessage,
    rateLimitedMessage: (times) => `${operation}: HTTP 429 ${times} times`,
    run(answers, options = {}) {
      const log: string[] = [];
      const fake = fakeFetch((request) => {
        log.push(`fetch ${request.headers.get('Authorization')}`);
        const next = answers.shift();
        if (next === undefined) return unanswered('no more answers');
        if (next instanceof Error) return Promise.reject(next);
        return typeof next === 'function' ? next() : next;
      });
      const recordingSleep = async (ms: number, signal?: AbortSignal) => {
        log.push(`sleep ${ms}${signal ? ' (with signal)' : ''}`);
      };
      const call = build({
        fetch: fake.fetch,
        log,
        options,
        sleep: options.realSleep ? {} : { sleep: recordingSleep },
        onRateLimited: (info) => log.push(`limited ${info.retryInSeconds} #${info.attempt}`),
      });
      return { call, log, sent: () => fake.seen.length };
    },
  };
}

const goodsieDriver = driver("Goodsie's client", 'getMetadata', 'getMetadata: HTTP 401 after renewing the token', ({ fetch, log, options, sleep, onRateLimited }) => {
  const api = createStoreApi({
    apiBase: ORIGIN,
    provider: goodsie,
    fetch,
    getAccessToken: async () => {
      log.push('credential');
      return 'tok-1';
    },
    onUnauthorized: async (refused) => {
      log.push(`renew ${refused}`);
      await options.renew?.();
      return 'tok-2';
    },
    onRateLimited,
    ...sleep,
  });
  return (signal) => api.getMetadata(signal);
});

const seamDriver = driver("the seam's transport", 'listProducts', 'listProducts: HTTP 401 after renewing', ({ fetch, log, options, sleep, onRateLimited }) => {
  let token = 'tok-1';
  const send = createTransport({
    apiBase: ORIGIN,
    fetch,
    sign: async (headers) => {
      log.push('credential');
      headers.set('Authorization', `Bearer ${token}`);
      return token;
    },
    onUnauthorized: async (refused) => {
      log.push(`renew ${refused}`);
      await options.renew?.();
      token = 'tok-2';
    },
    onRateLimited,
    ...(options.hooks ? { hooks: options.hooks } : {}),
    ...sleep,
  });
  return (signal) => send({ method: 'GET', path: '/x' }, 'listProducts', signal ? { signal } : {});
});

const unauthorized = () => new Response(null, { status: 401 });
const limited = (retryAfter?: string) => json({ error: 'rate_limited' }, { status: 429, headers: retryAfter === undefined ? {} : { 'Retry-After': retryAfter } });
const fetches = (log: string[]) => log.filter((line) => line.startsWith('fetch '));

async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (reason: unknown) => reason,
  );
}

describe.each([goodsieDriver, seamDriver])('the retry loop, through $name', (driver) => {
  it('after a 401 renews once with the refused credential, then sends again with the new one', async () => {
    const run = driver.run([unauthorized(), json(OK)]);
    await run.call();
    expect(fetches(run.log)).toEqual(['fetch Bearer tok-1', 'fetch Bearer tok-2']);
    expect(run.log.filter((line) => line.startsWith('renew'))).toEqual(['renew tok-1']);
  });

  it('a second 401 is API_UNAUTHORIZED, without renewing again', async () => {
    const run = driver.run([unauthorized(), unauthorized()]);
    const error = await rejectionOf(run.call());
    expect(error).toBeInstanceOf(HttpError);
    expect((error as HttpError).code).toBe('API_UNAUTHORIZED');
    expect((error as HttpError).status).toBe(401);
    expect((error as HttpError).message).toBe(driver.unauthorizedMessage);
    expect(run.log.filter((line) => line.startsWith('renew'))).toHaveLength(1);
    expect(run.sent()).toBe(2);
  });

  it("a renewal that fails passes its own error on, and nothing is sent again", async () => {
    const run = driver.run([unauthorized()], { renew: () => Promise.reject(new AppError('TOKEN_EXPIRED')) });
    expect(((await rejectionOf(run.call())) as AppError).code).toBe('TOKEN_EXPIRED');
    expect(run.sent()).toBe(1);
  });

  it('waits out three 429s as Retry-After says (2 s without it, at most 60), telling onRateLimited before each wait, the wait given the signal', async () => {
    const run = driver.run([limited('5'), limited(), limited('3600'), json(OK)]);
    await run.call(new AbortController().signal);
    expect(run.log.filter((line) => !line.startsWith('fetch') && line !== 'credential')).toEqual([
      'limited 5 #1',
      'sleep 5000 (with signal)',
      'limited 2 #2',
      'sleep 2000 (with signal)',
      'limited 60 #3',
      'sleep 60000 (with signal)',
    ]);
    expect(run.sent()).toBe(4);
  });

  it('a fourth 429 is API_RATE_LIMITED with its Retry-After, after three waits and no fourth', async () => {
    const run = driver.run([limited('1'), limited('1'), limited('1'), limited('7')]);
    const error = (await rejectionOf(run.call())) as HttpError;
    expect(error).toBeInstanceOf(HttpError);
    expect(error.code).toBe('API_RATE_LIMITED');
    expect(error.status).toBe(429);
    expect(error.retryAfter).toBe(7);
    expect(error.message).toBe(driver.rateLimitedMessage(4));
    expect(run.log.filter((line) => line.startsWith('sleep'))).toHaveLength(3);
    expect(run.sent()).toBe(4);
  });

  it('renewal and 429s are counted apart: at most 1 + 1 + 3 requests', async () => {
    const run = driver.run([limited('1'), unauthorized(), limited('1'), limited('1'), limited('1')]);
    expect(((await rejectionOf(run.call())) as HttpError).code).toBe('API_RATE_LIMITED');
    expect(run.sent()).toBe(5);
    const again = driver.run([unauthorized(), limited('1'), unauthorized()]);
    expect(((await rejectionOf(again.call())) as HttpError).code).toBe('API_UNAUTHORIZED');
    expect(again.sent()).toBe(3);
  });

  it('sends nothing when the signal is already aborted', async () => {
    const run = driver.run([json(OK)]);
    const controller = new AbortController();
    controller.abort();
    expect(await rejectionOf(run.call(controller.signal))).toBe(controller.signal.reason);
    expect(run.sent()).toBe(0);
  });

  it('an abort during the renewal stops before sending again', async () => {
    const controller = new AbortController();
    const run = driver.run([unauthorized(), json(OK)], { renew: async () => controller.abort() });
    expect(await rejectionOf(run.call(controller.signal))).toBe(controller.signal.reason);
    expect(run.sent()).toBe(1);
  });

  it("an abort during the 429's wait ends it with the signal's reason, nothing sent again", async () => {
    vi.useFakeTimers();
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 1000);
    const run = driver.run([limited('30'), json(OK)], { realSleep: true });
    const settled = run.call(controller.signal).then(() => 'resolved', (reason: unknown) => reason);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(await settled).toBe(controller.signal.reason);
    expect((controller.signal.reason as Error).name).toBe('AbortError');
    expect(run.sent()).toBe(1);
  });

  it('the default wait is a real timer of Retry-After seconds', async () => {
    vi.useFakeTimers();
    const run = driver.run([limited('4'), json(OK)], { realSleep: true });
    const result = run.call();
    await vi.advanceTimersByTimeAsync(3999);
    expect(run.sent()).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    await result;
    expect(run.sent()).toBe(2);
  });
});

/** A 429 whose body breaks off while it is read. */
const limitedCutOff = () =>
  new Response(new ReadableStream({ start: (controller) => controller.error(new TypeError('connection reset')) }), { status: 429, headers: { 'Retry-After': '1' } });

describe('where the two clients differ, each keeps its own way', () => {
  it("Goodsie's client asks for the token once per call and keeps it across 429s; the transport signs every request", async () => {
    const goodsieRun = goodsieDriver.run([limited('1'), limited('1'), json(OK)]);
    await goodsieRun.call();
    expect(goodsieRun.log.filter((line) => line === 'credential')).toHaveLength(1);
    const seamRun = seamDriver.run([limited('1'), limited('1'), json(OK)]);
    await seamRun.call();
    expect(seamRun.log.filter((line) => line === 'credential')).toHaveLength(3);
  });

  it("Goodsie's client does not read a 429's body (one cut off still waits and retries); the transport reads it (cut off: NETWORK_OR_CORS)", async () => {
    const goodsieRun = goodsieDriver.run([limitedCutOff, json(OK)]);
    await goodsieRun.call();
    expect(goodsieRun.sent()).toBe(2);
    const seamRun = seamDriver.run([limitedCutOff, json(OK)]);
    expect(((await rejectionOf(seamRun.call())) as AppError).code).toBe('NETWORK_OR_CORS');
    expect(seamRun.sent()).toBe(1);
  });

  it("the transport asks the adapter's hook for the wait only when a 429 has no Retry-After", async () => {
    const rateLimitWait = vi.fn((body: unknown) => (body as { wait: number }).wait);
    const run = seamDriver.run([json({ wait: 9 }, 429), json({ wait: 9 }, { status: 429, headers: { 'Retry-After': '3' } }), json(OK)], {
      hooks: () => ({ rateLimitWait }),
    });
    await run.call();
    expect(run.log.filter((line) => line.startsWith('limited'))).toEqual(['limited 9 #1', 'limited 3 #2']);
    expect(rateLimitWait).toHaveBeenCalledTimes(1);
  });
});
