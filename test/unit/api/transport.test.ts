import { describe, expect, it } from 'vitest';
import { createTransport, NETWORK_OR_CORS_MESSAGE, resolveRequestUrl, type TransportOptions } from '../../../src/lib/api/transport.ts';
import { AppError } from '../../../src/lib/oauth/errors.ts';
import { HttpError } from '../../../src/lib/oauth/http-errors.ts';

interface Seen {
  url: string;
  init: RequestInit;
}

function harness(answers: Array<Response | Error>, extra: Partial<TransportOptions> = {}) {
  const seen: Seen[] = [];
  const refused: string[] = [];
  let token = 'tok-1';
  const waits: number[] = [];
  const send = createTransport({
    apiBase: 'https://api.shop.example/base',
    fetch: async (input, init) => {
      seen.push({ url: String(input), init: init ?? {} });
      const next = answers.shift();
      if (!next) throw new Error('no more answers');
      if (next instanceof Error) throw next;
      return next;
    },
    sign: async (headers) => {
      headers.set('Authorization', `Bearer ${token}`);
      return token;
    },
    onUnauthorized: async (was) => {
      refused.push(was);
      token = 'tok-2';
    },
    sleep: async (ms) => {
      waits.push(ms);
    },
    ...extra,
  });
  return { send, seen, refused, waits };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });

async function errorOf(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error('expected a rejection');
}

describe('resolveRequestUrl', () => {
  it('appends a path to apiBase and sets the query', () => {
    expect(resolveRequestUrl('https://a.example/p/', { method: 'GET', path: '/x', query: { q: 'a b' } }).href).toBe('https://a.example/p/x?q=a+b');
  });
  it('takes an absolute url on the same origin and refuses another origin', () => {
    expect(resolveRequestUrl('https://a.example', { method: 'GET', url: 'https://a.example/stores/1?zoom=items' }).href).toBe('https://a.example/stores/1?zoom=items');
    expect(() => resolveRequestUrl('https://a.example', { method: 'GET', url: 'https://evil.example/x' })).toThrow(/another origin/);
    expect(() => resolveRequestUrl('https://a.example', { method: 'GET', path: '//evil.example/x' })).toThrow(AppError);
  });
});

describe('createTransport', () => {
  it('signs, sends JSON and form bodies with the safe fetch options, and returns the parsed answer', async () => {
    const { send, seen } = harness([json(200, { ok: 1 }), new Response(null, { status: 204 })]);
    const answer = await send({ method: 'POST', path: '/search', body: { json: { a: 1 } }, headers: { 'FOXY-API-VERSION': '1' } }, 'listProducts');
    expect(answer).toMatchObject({ status: 200, json: { ok: 1 } });
    const first = seen[0]!;
    const headers = new Headers(first.init.headers);
    expect(first.url).toBe('https://api.shop.example/base/search');
    expect(headers.get('authorization')).toBe('Bearer tok-1');
    expect(headers.get('accept')).toBe('application/json');
    expect(headers.get('foxy-api-version')).toBe('1');
    expect(headers.get('content-type')).toBe('application/json');
    expect(first.init).toMatchObject({ credentials: 'omit', cache: 'no-store', redirect: 'manual', referrerPolicy: 'no-referrer', body: '{"a":1}' });
    const empty = await send({ method: 'PATCH', path: '/p/1', body: { form: { a: 'b c' } } }, 'updateProduct');
    expect(empty).toMatchObject({ status: 204, json: undefined });
    expect(seen[1]!.init.body).toBe('a=b+c');
  });

  it('refuses an adapter-set Authorization header and a foreign link without sending', async () => {
    const { send, seen } = harness([]);
    expect((await errorOf(send({ method: 'GET', path: '/x', headers: { Authorization: 'x' } }, 'getProduct'))).code).toBe('API_BAD_REQUEST');
    await errorOf(send({ method: 'GET', url: 'https://other.example/x' }, 'getProduct'));
    expect(seen).toHaveLength(0);
  });

  it('renews once after a 401 with the refused token, and gives up on a second 401', async () => {
    const ok = harness([new Response('', { status: 401 }), json(200, [])]);
    await ok.send({ method: 'GET', path: '/x' }, 'listProducts');
    expect(ok.refused).toEqual(['tok-1']);
    expect(new Headers(ok.seen[1]!.init.headers).get('authorization')).toBe('Bearer tok-2');
    const twice = harness([new Response('', { status: 401 }), new Response('', { status: 401 })]);
    expect((await errorOf(twice.send({ method: 'GET', path: '/x' }, 'listProducts'))).code).toBe('API_UNAUTHORIZED');
    expect(twice.seen).toHaveLength(2);
  });

  it('turns a rejected fetch into NETWORK_OR_CORS with the contract message, naming no token', async () => {
    const { send } = harness([new TypeError('Failed to fetch')]);
    const error = await errorOf(send({ method: 'GET', path: '/x' }, 'listProducts'));
    expect(error.code).toBe('NETWORK_OR_CORS');
    expect(error.message).toBe(NETWORK_OR_CORS_MESSAGE);
  });

  it('waits per Retry-After, else per the adapter hook, and stops after the retries', async () => {
    const hooked = harness([json(429, { meta: { parameters: { seconds: 7 } } }), json(429, {}, { 'Retry-After': '3' }), json(200, {})], {
      hooks: () => ({ rateLimitWait: (body) => (body as { meta: { parameters: { seconds: number } } }).meta.parameters.seconds }),
    });
    await hooked.send({ method: 'GET', path: '/x' }, 'listProducts');
    expect(hooked.waits).toEqual([7000, 3000]);
    const many = harness([json(429, {}), json(429, {}), json(429, {}), json(429, {})]);
    expect((await errorOf(many.send({ method: 'GET', path: '/x' }, 'listProducts'))).code).toBe('API_RATE_LIMITED');
    expect(many.seen).toHaveLength(4);
  });

  it("puts the platform's 403 words on the error, else the operation's scope", async () => {
    const withWords = harness([json(403, { errors: [{ code: 'FRAMEWORK__MISSING_PRIVILEGE_ERROR' }] })], {
      hooks: () => ({ forbidden: () => ({ platformWords: 'missing privileges: product:update', change: 'Give the role product:update.' }) }),
    });
    const error = (await errorOf(withWords.send({ method: 'PATCH', path: '/p' }, 'updateProduct'))) as HttpError;
    expect(error).toMatchObject({ code: 'API_INSUFFICIENT_SCOPE', platformWords: 'missing privileges: product:update', change: 'Give the role product:update.' });
    const scoped = harness([json(403, {})], { operationScope: () => 'admin' });
    expect(((await errorOf(scoped.send({ method: 'GET', path: '/o' }, 'listOrders'))) as HttpError).requiredScope).toBe('admin');
  });

  it("a 403's missing scope: the platform's hook, else the Bearer challenge's scope, else the body's, else the operation's", async () => {
    const challenge = { 'WWW-Authenticate': 'Bearer error="insufficient_scope", scope=" orders "' };
    const scopeOf = async (answer: Response, extra: Partial<TransportOptions> = {}) =>
      ((await errorOf(harness([answer], { operationScope: () => 'admin', ...extra }).send({ method: 'GET', path: '/o' }, 'listOrders'))) as HttpError).requiredScope;
    expect(await scopeOf(json(403, { scope: 'cart' }, challenge))).toBe('orders');
    expect(await scopeOf(json(403, { scope: ' cart ' }, { 'WWW-Authenticate': 'Bearer scope=""' }))).toBe('cart');
    expect(await scopeOf(json(403, { scope: '  ' }))).toBe('admin');
    expect(await scopeOf(json(403, { scope: 'cart' }, challenge), { hooks: () => ({ forbidden: () => ({ requiredScope: 'products' }) }) })).toBe('products');
  });

  it('an answer whose body is cut off is NETWORK_OR_CORS; an empty body is no JSON, one that is not JSON is API_INVALID_RESPONSE', async () => {
    const cutOff = new Response(new ReadableStream({ start: (stream) => stream.error(new TypeError('network error')) }), { status: 200 });
    const { send } = harness([cutOff, new Response('', { status: 200 }), new Response('<html>', { status: 200 })]);
    const error = await errorOf(send({ method: 'GET', path: '/x' }, 'getCart'));
    expect(error).toMatchObject({ code: 'NETWORK_OR_CORS', message: 'getCart: the response was cut off' });
    expect(await send({ method: 'GET', path: '/x' }, 'getCart')).toMatchObject({ status: 200, json: undefined });
    expect((await errorOf(send({ method: 'GET', path: '/x' }, 'getCart'))).code).toBe('API_INVALID_RESPONSE');
  });

  it('maps statuses to codes, scrubs the token from error bodies, and accepts listed statuses', async () => {
    const { send } = harness([json(404, { error: 'nope tok-1' }), json(500, {}), json(404, { gone: true }), new Response('<html>', { status: 200 })]);
    const notFound = (await errorOf(send({ method: 'GET', path: '/x' }, 'getProduct'))) as HttpError;
    expect(notFound.code).toBe('API_NOT_FOUND');
    expect(JSON.stringify(notFound.body)).not.toContain('tok-1');
    expect((await errorOf(send({ method: 'GET', path: '/x' }, 'getProduct'))).code).toBe('API_SERVER_ERROR');
    expect(await send({ method: 'GET', path: '/x' }, 'probe', { accept: [404] })).toMatchObject({ status: 404, json: { gone: true } });
    expect((await errorOf(send({ method: 'GET', path: '/x' }, 'getProduct'))).code).toBe('API_INVALID_RESPONSE');
  });

  it('gives back an accepted status only where acceptWhen says yes of its body; otherwise it is the error, with the hooks’ words', async () => {
    const forbidden = (right: string) => json(403, { missing: [right] });
    const { send, seen } = harness([forbidden('tiers'), forbidden('product')], { hooks: () => ({ forbidden: (body) => ({ platformWords: `lacks ${JSON.stringify(body)}` }) }) });
    const onlyTiers = (body: unknown) => JSON.stringify(body) === '{"missing":["tiers"]}';
    expect(await send({ method: 'GET', path: '/x' }, 'getProduct', { accept: [403], acceptWhen: onlyTiers })).toMatchObject({ status: 403, json: { missing: ['tiers'] } });
    const error = (await errorOf(send({ method: 'GET', path: '/x' }, 'getProduct', { accept: [403], acceptWhen: onlyTiers }))) as HttpError;
    expect(error).toMatchObject({ code: 'API_INSUFFICIENT_SCOPE', platformWords: 'lacks {"missing":["product"]}' });
    expect(seen).toHaveLength(2);
  });
});
