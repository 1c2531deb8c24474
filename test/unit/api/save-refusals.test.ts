/**
 * A product save the store refuses (400, 422): each platform's error body read into the store's
 * words, field by field where it names one, through the client that platform's saves go through.
 */
import { describe, expect, it } from 'vitest';
import { createStoreApi } from '../../../src/lib/api/client.ts';
import { createTransport } from '../../../src/lib/api/transport.ts';
import type { AdapterHooks } from '../../../src/lib/connect/adapter.ts';
import type { ApiOperation } from '../../../src/lib/connect/operations.ts';
import { SaveRefusedError, STORE_WORDS_MAX } from '../../../src/lib/domain/refusal.ts';
import { HttpError } from '../../../src/lib/oauth/http-errors.ts';
import { outcomeUnknown } from '../../../src/lib/components/unsure-add.ts';
import type { Send } from '../../../src/lib/connect/request.ts';
import type { FlickRocketStoreConfig, Shopware6StoreConfig, StoreHippoStoreConfig } from '../../../src/lib/connect/store-config.ts';
import { createFlickRocketAdapter } from '../../../src/lib/providers/flickrocket/adapter.ts';
import { goodsie } from '../../../src/lib/providers/goodsie.ts';
import { createGoodsieAdapter } from '../../../src/lib/providers/goodsie-adapter.ts';
import { createShopware6Adapter } from '../../../src/lib/providers/shopware6/adapter.ts';
import { createStoreHippoAdapter } from '../../../src/lib/providers/storehippo/adapter.ts';

const TOKEN = 'tok-REFUSE-secret-42';

/** Each platform's adapter's own hooks (what the transport reads a failure with); nothing is sent. */
const unsent: Send = async () => {
  throw new Error('nothing is sent here');
};
const base = { id: 'shop', name: 'Shop', apiBase: 'https://shop.example' };
const shopware6Hooks = createShopware6Adapter({ store: { ...base, kind: 'shopware6' } as Shopware6StoreConfig, send: unsent }).hooks ?? {};
const storeHippoHooks = createStoreHippoAdapter({ store: { ...base, kind: 'storehippo', currency: 'INR' } as StoreHippoStoreConfig, send: unsent }).hooks ?? {};
const flickRocketHooks = createFlickRocketAdapter({ store: { ...base, kind: 'flickrocket' } as FlickRocketStoreConfig, send: unsent }).hooks ?? {};
const goodsieSeamHooks = createGoodsieAdapter({ store: { ...base, kind: 'goodsie' } as never, send: unsent }).hooks ?? {};

const answer = (status: number, body: unknown): Response => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

/** A seam platform's save answered `status` + `body`, through the transport with the platform's hooks. */
function seamSave(hooks: AdapterHooks, status: number, body: unknown, operation: ApiOperation = 'updateProduct', signedWith = TOKEN): Promise<unknown> {
  const send = createTransport({
    apiBase: 'https://shop.example',
    fetch: async () => answer(status, body),
    sign: async (headers) => (headers.set('Authorization', `Bearer ${signedWith}`), signedWith),
    onUnauthorized: async () => undefined,
    hooks: () => hooks,
  });
  return rejection(send({ method: 'PATCH', path: '/api/product/1' }, operation));
}

function goodsieApi(status: number, body: unknown) {
  return createStoreApi({
    apiBase: 'https://api.shop.example/',
    provider: goodsie,
    getAccessToken: async () => TOKEN,
    onUnauthorized: async () => TOKEN,
    fetch: async () => answer(status, body),
  });
}

describe('Goodsie: ApiError on a save', () => {
  it('a 400 whose description begins with cost_raw is the price field’s, in the store’s words', async () => {
    const error = await rejection(goodsieApi(400, { error: 'invalid_request', error_description: 'cost_raw must be a number between 0 and 1000000.' }).updateProduct('p-1', { price: 2_000_000 }, '2024-03-02T11:30:00Z'));
    expect(error).toBeInstanceOf(SaveRefusedError);
    expect((error as SaveRefusedError).refusal).toEqual({ fields: { price: 'cost_raw must be a number between 0 and 1000000.' }, summary: '' });
  });

  it('a 422 on an add naming no field of the form is a summary; the token is cut out', async () => {
    const error = await rejection(goodsieApi(422, { error: 'invalid_request', error_description: `Shop closed for token ${TOKEN}` }).createProduct({ name: 'A', price: 1, published: false }));
    expect((error as SaveRefusedError).refusal).toEqual({ fields: {}, summary: 'Shop closed for token [redacted]' });
    expect((error as SaveRefusedError).status).toBe(422);
  });

  it('the seam’s Goodsie adapter reads it the same way', async () => {
    const error = await seamSave(goodsieSeamHooks, 400, { error: 'invalid_request', error_description: 'inventory must be a whole number between 0 and 1000000.' }, 'createProduct');
    expect((error as SaveRefusedError).refusal).toEqual({ fields: { inventory: 'inventory must be a whole number between 0 and 1000000.' }, summary: '' });
  });

  it('a 400 to a read, or a save’s 400 with no words, stays the generic API_BAD_REQUEST', async () => {
    const read = await rejection(goodsieApi(400, { error: 'invalid_request', error_description: 'count must be between 1 and 100.' }).getProduct('p-1'));
    expect(read).toBeInstanceOf(HttpError);
    expect(read).not.toBeInstanceOf(SaveRefusedError);
    const wordless = await rejection(goodsieApi(400, { error: 'invalid_request' }).updateProduct('p-1', { name: 'x' }, '2024-03-02T11:30:00Z'));
    expect(wordless).toBeInstanceOf(HttpError);
    expect(wordless).not.toBeInstanceOf(SaveRefusedError);
    expect((wordless as HttpError).code).toBe('API_BAD_REQUEST');
  });
});

describe('a 409 to a new product: the store refused it, no "changed elsewhere"', () => {
  it('through the Goodsie client and the seam: in the store’s words, or the generic refusal without any; an update’s 409 stays a conflict', async () => {
    const worded = await rejection(goodsieApi(409, { error: 'conflict', error_description: 'A product with this name exists already.' }).createProduct({ name: 'A', price: 1, published: false }));
    expect(worded).toBeInstanceOf(SaveRefusedError);
    expect((worded as SaveRefusedError).refusal).toEqual({ fields: {}, summary: 'A product with this name exists already.' });
    const seam = await seamSave(goodsieSeamHooks, 409, { error: 'conflict', error_description: 'A product with this name exists already.' }, 'createProduct');
    expect((seam as SaveRefusedError).refusal.summary).toBe('A product with this name exists already.');
    for (const wordless of [await rejection(goodsieApi(409, { error: 'conflict' }).createProduct({ name: 'A', price: 1, published: false })), await seamSave(goodsieSeamHooks, 409, {}, 'createProduct')]) {
      expect(wordless).toBeInstanceOf(HttpError);
      expect((wordless as HttpError).code).toBe('API_BAD_REQUEST');
      expect((wordless as HttpError).status).toBe(409);
    }
    const update = await seamSave(goodsieSeamHooks, 409, { error: 'conflict' }, 'updateProduct');
    expect((update as HttpError).code).toBe('API_CONFLICT');
  });
});

describe('Shopware 6: the DAL’s violations with their JSON pointers', () => {
  it('names each field by its pointer, /0/price and deeper, /0/stock as inventory; the rest is the summary', async () => {
    const error = await seamSave(shopware6Hooks, 400, {
      errors: [
        { code: 'c1051bb4', status: '400', detail: 'This value should be less than or equal to 100000.', template: 'x', meta: { parameters: {} }, source: { pointer: '/0/price/0/gross' } },
        { code: 'VIOLATION::INVALID_TYPE', status: '400', title: 'Bad Request', detail: 'This value should be of type int.', source: { pointer: '/0/stock' } },
        { code: 'FRAMEWORK__WRITE_ERROR', status: '400', title: 'Bad Request', detail: 'The product is locked by a plugin.' },
      ],
    });
    expect(error).toBeInstanceOf(SaveRefusedError);
    expect((error as SaveRefusedError).refusal).toEqual({
      fields: { price: 'This value should be less than or equal to 100000.', inventory: 'This value should be of type int.' },
      summary: 'The product is locked by a plugin.',
    });
  });

  it('a translated field’s violation points into its translation, /0/translations/<languageId>/name: still the name’s (regression: the summary)', async () => {
    const error = await seamSave(shopware6Hooks, 400, {
      errors: [{ code: 'd94b19cc-114f-4f44-9cc4-4138e80a87b9', status: '400', detail: 'This value is too long. It should have 255 characters or less.', source: { pointer: '/0/translations/2fbb5fe2e29a4d70aa5854ce7ce3e20b/name' } }],
    });
    expect((error as SaveRefusedError).refusal).toEqual({ fields: { name: 'This value is too long. It should have 255 characters or less.' }, summary: '' });
  });

  it('a pointer to a field the app does not write goes into the summary', async () => {
    const error = await seamSave(shopware6Hooks, 400, { errors: [{ status: '400', detail: 'Product number taken.', source: { pointer: '/0/productNumber' } }] });
    expect((error as SaveRefusedError).refusal).toEqual({ fields: {}, summary: 'Product number taken.' });
  });
});

describe('StoreHippo: messages[] of the envelope', () => {
  it('a message keyed by a sent wire name is that field’s; `error` is the summary', async () => {
    const error = await seamSave(storeHippoHooks, 400, {
      messages: [
        { key: 'price', message: 'Price must be below 99999.' },
        { key: 'ms.msg.bad_request', message: 'Bad request' },
      ],
      error: { message: 'Validation failed' },
    });
    expect((error as SaveRefusedError).refusal).toEqual({ fields: { price: 'Price must be below 99999.' }, summary: 'Bad request Validation failed' });
  });

  it('a 200 whose body carries `error` (how StoreHippo’s own SDK tells a failure) is a refusal, never a save', async () => {
    const error = await seamSave(storeHippoHooks, 200, { messages: [{ key: 'name', message: 'Name is taken.' }], error: 'Validation failed' });
    expect(error).toBeInstanceOf(SaveRefusedError);
    expect((error as SaveRefusedError).refusal).toEqual({ fields: { name: 'Name is taken.' }, summary: 'Validation failed' });
    // with nothing readable it is still a failure (the generic refusal), and so is a read's
    const bare = await seamSave(storeHippoHooks, 200, { error: true });
    expect((bare as HttpError).code).toBe('API_BAD_REQUEST');
    expect((await seamSave(storeHippoHooks, 200, { data: [], error: { message: 'Bad filter' } }, 'listProducts') as HttpError).code).toBe('API_BAD_REQUEST');
  });

  it('a new product’s 200 whose body carries `error` is the store’s refusal: the Add is not marked as one the store may have kept', async () => {
    // regression: the 2xx status kept in the error read as "a 2xx that could not be read" (unsure-add.ts)
    const refused = await seamSave(storeHippoHooks, 200, { messages: [{ key: 'name', message: 'Name is taken.' }], error: 'Validation failed' }, 'createProduct');
    const bare = await seamSave(storeHippoHooks, 200, { error: true }, 'createProduct');
    expect(outcomeUnknown(refused)).toBe(false);
    expect(outcomeUnknown(bare)).toBe(false);
  });

  it('a 2xx whose `error` is empty is an answer; an accepted 403 stays the 403 the probe reads', async () => {
    const send = (status: number, body: unknown) =>
      createTransport({ apiBase: 'https://shop.example', fetch: async () => answer(status, body), sign: async () => TOKEN, onUnauthorized: async () => undefined, hooks: () => storeHippoHooks });
    expect((await send(200, { data: { _id: 'a' }, error: null })({ method: 'PUT', path: '/p' }, 'updateProduct')).status).toBe(200);
    expect((await send(403, { error: 'Forbidden' })({ method: 'GET', path: '/p' }, 'probe', { accept: [403] })).status).toBe(403);
  });
});

describe('FlickRocket: OWIN error or ASP.NET ModelState', () => {
  it('ModelState keys name the field by their last part; a bare error is the summary', async () => {
    const model = await seamSave(flickRocketHooks, 400, { Message: 'The request is invalid.', ModelState: { 'product.title': ['Title is too long.'] } });
    expect((model as SaveRefusedError).refusal).toEqual({ fields: { name: 'Title is too long.' }, summary: '' });
    const bare = await seamSave(flickRocketHooks, 400, { error: 'invalid title' });
    expect((bare as SaveRefusedError).refusal).toEqual({ fields: {}, summary: 'invalid title' });
  });
});

describe('the store’s words as plain text', () => {
  it('drops tags and control characters, folds spaces, cuts long words, and never echoes the credential', async () => {
    const long = `<b>Price</b>\u0007 too\n\nhigh <img src=x onerror=alert(1)> ${TOKEN} ${'x'.repeat(600)}`;
    const error = await seamSave(shopware6Hooks, 400, { errors: [{ status: '400', detail: long, source: { pointer: '/0/price' } }] });
    const words = (error as SaveRefusedError).refusal.fields.price ?? '';
    expect(words.startsWith('Price too high [redacted] xxx')).toBe(true);
    expect(words).not.toMatch(/[<>\u0007\n]/);
    expect(words).not.toContain(TOKEN);
    expect(words.length).toBeLessThanOrEqual(STORE_WORDS_MAX);
    expect(words.endsWith('…')).toBe(true);
  });

  it('a 400 whose body has nothing to say stays the generic API_BAD_REQUEST', async () => {
    const error = await seamSave(shopware6Hooks, 400, { errors: [{ status: '400' }] });
    expect(error).not.toBeInstanceOf(SaveRefusedError);
    expect((error as HttpError).code).toBe('API_BAD_REQUEST');
  });
});

describe('what a hostile store (or one answering in its place) echoes in a refusal', () => {
  /** An access token with the characters URL-encoding and base64 change. */
  const SIGNED = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJtZXJjaGFudCJ9+k/Zx3=';
  /** Letters and digits only, lower case: a copy of the token however split, cased or escaped. */
  const squashed = (text: string): string => decodeURIComponent(text).toLowerCase().replace(/[^a-z0-9]/g, '');
  /** Whether `text` shows any 12 characters in a row of `secret`, however split, cased or escaped. */
  const leaks = (text: string, secret: string): boolean => {
    const [shown, kept] = [squashed(text), squashed(secret)];
    return [...kept].some((_, i) => i + 12 <= kept.length && shown.includes(kept.slice(i, i + 12)));
  };
  const shopwareSave = (details: string[], signedWith = SIGNED) =>
    seamSave(shopware6Hooks, 400, { errors: details.map((detail, i) => ({ status: '400', detail, ...(i === 0 ? { source: { pointer: '/0/price' } } : {}) })) }, 'updateProduct', signedWith);

  it('the token in another case, URL-encoded, split by spaces, tags or invisible characters: none of it is shown, the other messages are', async () => {
    const copies = [
      SIGNED.toUpperCase(),
      encodeURIComponent(SIGNED),
      `${SIGNED.slice(0, 9)} ${SIGNED.slice(9, 20)} ${SIGNED.slice(20, 31)} ${SIGNED.slice(31)}`,
      `${SIGNED.slice(0, 15)}<b></b>${SIGNED.slice(15)}`,
      `${SIGNED.slice(0, 15)}\u200b${SIGNED.slice(15, 30)}\u2066${SIGNED.slice(30)}`,
    ];
    for (const copy of copies) {
      const error = await shopwareSave([`Price refused for ${copy} today`, 'The product is locked.']);
      const { refusal } = error as SaveRefusedError;
      expect(refusal.summary, copy).toBe('The product is locked.');
      expect(leaks(JSON.stringify(refusal), SIGNED), copy).toBe(false);
    }
    // and the same from Goodsie's own client, signed with a short token
    const short = await rejection(goodsieApi(400, { error: 'invalid_request', error_description: `cost_raw bad for ${TOKEN.toUpperCase()}` }).updateProduct('p-1', { price: 1 }, '2024-03-02T11:30:00Z'));
    expect(short).not.toBeInstanceOf(SaveRefusedError);
    expect(JSON.stringify(short)).not.toContain(TOKEN.toUpperCase());
  });

  it('a credential the request was not signed with (refresh token, integration secret, pasted key), or one base64’d: cut out', async () => {
    const others = {
      foxyRefresh: '2a0f1c5e8b7d4c3a9e6f1b2d0c8a7e5f4d3c2b1a',
      shopwareSecret: 'SWIAQ0NAMKXZTNVDEK1PR1VCAQ.aDRvN2tRcTlCZ3NqRWJmTHhJZ1FyU3k0dEhUcHlVWEo',
      goodsieRefresh: 'rt_8f2KqLz0VbN4mW7xY1cD5eR9tA3sG6hJ',
      // (the signing token base64'd drops the whole message: the next test)
      base64: btoa('Bearer rt_8f2KqLz0VbN4mW7xY1cD5eR9tA3sG6hJ'),
    };
    for (const [name, other] of Object.entries(others)) {
      const error = await shopwareSave([`Refused: ${other} is not allowed here`]);
      const words = (error as SaveRefusedError).refusal.fields.price ?? '';
      expect(words, name).toMatch(/^Refused: \S*\[redacted\]\S* is not allowed here$/);
      expect(leaks(words, other), name).toBe(false);
    }
  });

  it('the token written another way (HTML entities, \\u escapes, full-width letters, every byte %-escaped, base64 or hex split by spaces): that message is not shown', async () => {
    const HEX = '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08';
    const chars = (text: string) => [...text].map((c) => c.charCodeAt(0));
    const ways: Record<string, (secret: string) => string> = {
      decimalEntities: (t) => chars(t).map((c) => `&#${c};`).join(''),
      hexEntities: (t) => chars(t).map((c) => `&#x${c.toString(16)};`).join(''),
      unicodeEscapes: (t) => chars(t).map((c) => `\\u${c.toString(16).padStart(4, '0')}`).join(''),
      fullWidth: (t) => chars(t).map((c) => String.fromCharCode(c + 0xfee0)).join(''),
      everyBytePercentEscaped: (t) => chars(t).map((c) => `%${c.toString(16).padStart(2, '0')}`).join(''),
      base64InGroups: (t) => btoa(`Bearer ${t}`).match(/.{1,8}/g)!.join(' '),
      hexInGroups: (t) => chars(t).map((c) => c.toString(16).padStart(2, '0')).join('').match(/.{1,16}/g)!.join(' '),
    };
    for (const secret of [SIGNED, HEX]) {
      for (const [way, write] of Object.entries(ways)) {
        const error = await shopwareSave([`Price refused for ${write(secret)} today`, 'The product is locked.'], secret);
        const { refusal } = error as SaveRefusedError;
        expect(refusal, `${way} of ${secret.slice(0, 6)}…`).toEqual({ fields: {}, summary: 'The product is locked.' });
      }
    }
  });

  it('a credential the request was not signed with, written as entities or escapes, is not shown either', async () => {
    const refresh = 'rt_8f2KqLz0VbN4mW7xY1cD5eR9tA3sG6hJ';
    const written = [[...refresh].map((c) => `&#${c.charCodeAt(0)};`).join(''), [...refresh].map((c) => `\\x${c.charCodeAt(0).toString(16)}`).join('')];
    for (const copy of written) {
      const error = await shopwareSave([`Refused: ${copy}`, 'The product is locked.']);
      expect((error as SaveRefusedError).refusal, copy.slice(0, 12)).toEqual({ fields: {}, summary: 'The product is locked.' });
    }
    // Escapes that spell no credential stay as the store wrote them.
    const plain = await shopwareSave(['Use &#8364; or %20 spaces, not \\u00e9.']);
    expect((plain as SaveRefusedError).refusal.fields.price).toBe('Use &#8364; or %20 spaces, not \\u00e9.');
  });

  it('a copy split between two of the store’s messages is found once they are joined', async () => {
    const error = await seamSave(storeHippoHooks, 400, {
      messages: [
        { key: 'price', message: `too high ${SIGNED.slice(0, 17)}` },
        { key: 'price', message: SIGNED.slice(17, 34) },
        { key: 'price', message: `${SIGNED.slice(34)} sorry` },
        { key: 'name', message: 'Name taken.' },
      ],
    }, 'updateProduct', SIGNED);
    expect((error as SaveRefusedError).refusal).toEqual({ fields: { name: 'Name taken.' }, summary: '' });
  });

  it('long words and long numbers are not taken for credentials', async () => {
    const words = 'Rindfleischetikettierungsüberwachungsaufgaben: höchstens 100000000000000000000000000 Stück';
    const error = await shopwareSave([words]);
    expect((error as SaveRefusedError).refusal.fields.price).toBe(words);
  });

  it('bidi and invisible marks are left out (U+061C, U+2066–2069, U+2060, U+FEFF as well as U+202E)', async () => {
    const error = await shopwareSave(['\u061cPrice\u202e 100\u2067 to\u2069 200\u2060\ufeff only']);
    expect((error as SaveRefusedError).refusal.fields.price).toBe('Price 100 to 200 only');
  });

  it('a message of hundreds of kilobytes is read in a moment (its first part only), not over minutes', async () => {
    const started = Date.now();
    const error = await shopwareSave([`Too high. ${'<'.repeat(200_000)}`]);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect((error as SaveRefusedError).refusal.fields.price?.startsWith('Too high. <<<')).toBe(true);
  }, 8_000);

  it('error bodies with __proto__ and constructor keys name no field and pollute nothing', async () => {
    const bodies: [AdapterHooks, string][] = [
      [flickRocketHooks, '{"Message":"x","ModelState":{"__proto__":["Proto words."],"constructor":["Ctor words."]}}'],
      [storeHippoHooks, '{"messages":[{"key":"__proto__","message":"Proto words."},{"key":"constructor","message":"Ctor words."}],"__proto__":{"polluted":1}}'],
      [shopware6Hooks, '{"errors":[{"detail":"Proto words.","source":{"pointer":"/0/__proto__"}},{"detail":"Ctor words.","source":{"pointer":"/0/constructor"}}]}'],
    ];
    for (const [hooks, body] of bodies) {
      const error = await seamSave(hooks, 400, JSON.parse(body));
      expect((error as SaveRefusedError).refusal).toEqual({ fields: {}, summary: 'Proto words. Ctor words.' });
      expect(Object.getPrototypeOf((error as SaveRefusedError).refusal.fields)).toBe(Object.prototype);
    }
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    const goodsie = await rejection(goodsieApi(400, JSON.parse('{"error":"invalid_request","error_description":"__proto__ is not a field","__proto__":{"polluted":1}}')).updateProduct('p-1', { name: 'x' }, '2024-03-02T11:30:00Z'));
    expect((goodsie as SaveRefusedError).refusal).toEqual({ fields: {}, summary: '__proto__ is not a field' });
  });
});
