/**
 * sendWithRetries on its own: what it hands each of its parameters. (What the two clients do
 * through it is pinned in send-retries.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { MAX_RATE_LIMIT_RETRIES, sendWithRetries, type RetryLoop } from '../../../src/lib/api/send-with-retries.ts';
import { HttpError } from '../../../src/lib/oauth/http-errors.ts';

/** A response whose body reports whether it was cancelled. */
function answer(status: number, headers: Record<string, string> = {}) {
  const seen = { cancelled: false };
  const body = new ReadableStream({ cancel: () => void (seen.cancelled = true) });
  return { response: new Response(body, { status, headers }), seen };
}

function loop(statuses: number[], extra: Partial<RetryLoop<string>> = {}) {
  const answers = statuses.map((status) => answer(status, status === 429 ? { 'Retry-After': '1' } : {}));
  const calls = { sent: 0, renewed: [] as string[], settled: [] as string[], waits: [] as number[] };
  const run = sendWithRetries<string>({
    operation: 'getProduct',
    signal: undefined,
    send: async () => ({ response: answers[calls.sent]!.response, credential: `cred-${++calls.sent}` }),
    renew: async (refused) => void calls.renewed.push(refused),
    settle: async (response, credential) => {
      calls.settled.push(credential);
      return `settled ${response.status}`;
    },
    sleep: async (ms) => void calls.waits.push(ms),
    ...extra,
  });
  return { run, calls, answers };
}

describe('sendWithRetries', () => {
  it('renews with the refused credential, settles with the one the answer came back to', async () => {
    const { run, calls } = loop([401, 429, 200]);
    expect(await run).toBe('settled 200');
    expect(calls).toEqual({ sent: 3, renewed: ['cred-1'], settled: ['cred-3'], waits: [1000] });
  });

  it("cancels the bodies of 401s and, by default, 429s unread; a settled answer's body is the settler's", async () => {
    const { run, answers } = loop([401, 429, 200]);
    await run;
    expect(answers.map((a) => a.seen.cancelled)).toEqual([true, true, false]);
  });

  it("asks rateLimitWait, when given, for a 429's wait instead of Retry-After, and leaves its body to it", async () => {
    const { run, calls, answers } = loop([429, 200], { rateLimitWait: async () => 9 });
    await run;
    expect(calls.waits).toEqual([9000]);
    expect(answers[0]!.seen.cancelled).toBe(false);
  });

  it('names what the renewal renews in the error of a second 401, when told', async () => {
    const told = await loop([401, 401], { renewed: 'the token' }).run.catch((error: unknown) => error);
    expect((told as HttpError).message).toBe('getProduct: HTTP 401 after renewing the token');
    const untold = await loop([401, 401]).run.catch((error: unknown) => error);
    expect((untold as HttpError).message).toBe('getProduct: HTTP 401 after renewing');
  });

  it(`never sends more than 2 + MAX_RATE_LIMIT_RETRIES (${MAX_RATE_LIMIT_RETRIES}) requests`, async () => {
    const { run, calls } = loop([401, ...Array.from({ length: MAX_RATE_LIMIT_RETRIES + 1 }, () => 429), 200]);
    expect(await run.catch((error: unknown) => (error as HttpError).code)).toBe('API_RATE_LIMITED');
    expect(calls.sent).toBe(2 + MAX_RATE_LIMIT_RETRIES);
    expect(calls.settled).toEqual([]);
  });
});
