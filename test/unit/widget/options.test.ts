import { describe, expect, it } from 'vitest';
import {
  DEFAULT_LIMIT,
  parseApiBase,
  parseBoundedInteger,
  readWidgetOptions,
  queryKey,
  type WidgetAttribute,
} from '../../../src/widget/options.ts';

function attrs(values: Partial<Record<WidgetAttribute, string>>): (name: WidgetAttribute) => string | null {
  return (name) => values[name] ?? null;
}

const BASE = { 'api-base': 'https://api.shop.example', token: 'abc.DEF-123_~+/=' };

describe('readWidgetOptions', () => {
  it('reads every attribute, trimming text and applying defaults', () => {
    const result = readWidgetOptions(attrs({ ...BASE, category: ' Mugs ', search: ' blue ', limit: '8', columns: '4' }));
    expect(result).toEqual({
      ok: true,
      options: { kind: 'goodsie', apiBase: 'https://api.shop.example', token: 'abc.DEF-123_~+/=', storefrontUrl: '', category: 'Mugs', search: 'blue', limit: 8, columns: 4 },
    });
  });

  it('reads storefront-url (where a Shopware card links), trimmed and without a trailing slash; a change to it is a new query', () => {
    const shopware = { kind: 'shopware6', 'api-base': 'https://shop.example', 'access-key': 'SWSCKEY0000000000' };
    const linked = readWidgetOptions(attrs({ ...shopware, 'storefront-url': ' https://shop.example/de/ ' }));
    const plain = readWidgetOptions(attrs(shopware));
    if (!linked.ok || !plain.ok) throw new Error('fixture options should be valid');
    expect(linked.options.storefrontUrl).toBe('https://shop.example/de');
    expect(plain.options.storefrontUrl).toBe('');
    expect(queryKey(linked.options)).not.toBe(queryKey(plain.options));
  });

  it('defaults limit to 12 and columns to automatic', () => {
    const result = readWidgetOptions(attrs(BASE));
    expect(result.ok && result.options.limit).toBe(DEFAULT_LIMIT);
    expect(result.ok && result.options.columns).toBeNull();
  });

  it('an unknown kind is its own problem, before any other: not a token one for kind="Shopware6" with its access-key, nor a failed load for kind="shopify"', () => {
    expect(readWidgetOptions(attrs({ ...BASE, kind: 'shopify' }))).toEqual({ ok: false, problem: 'kind must be goodsie or shopware6.' });
    expect(readWidgetOptions(attrs({ kind: 'Shopware6', 'api-base': 'https://shop.example', 'access-key': 'SWSCKEY0000000000' }))).toEqual({ ok: false, problem: 'kind must be goodsie or shopware6.' });
    expect(readWidgetOptions(attrs({ kind: 'woo' }))).toEqual({ ok: false, problem: 'kind must be goodsie or shopware6.' });
    expect(readWidgetOptions(attrs({ ...BASE, kind: ' shopware6 ', 'access-key': 'SWSCKEY0000000000' })).ok).toBe(true);
    expect(readWidgetOptions(attrs({ ...BASE, kind: '' })).ok).toBe(true);
  });

  it('names the missing or broken attribute without echoing its value', () => {
    expect(readWidgetOptions(attrs({ token: 't' }))).toEqual({ ok: false, problem: 'no api-base attribute.' });
    expect(readWidgetOptions(attrs({ 'api-base': 'https://a.example' }))).toEqual({ ok: false, problem: 'no token attribute (Shopware: access-key).' });
    expect(readWidgetOptions(attrs({ 'api-base': 'https://a.example', token: '   ' }))).toEqual({ ok: false, problem: 'no token attribute (Shopware: access-key).' });
    // A space, quote or newline would break (or smuggle into) the Authorization header.
    for (const token of ['two words', 'caf\u00e9', 'line\nbreak', 'x\r\nX-Evil: 1']) {
      expect(readWidgetOptions(attrs({ 'api-base': 'https://a.example', token }))).toEqual({ ok: false, problem: 'the token attribute is not a token.' });
    }
  });
});

describe('parseApiBase', () => {
  it('accepts https and loopback http, dropping trailing slashes', () => {
    expect(parseApiBase('https://api.shop.example/')).toEqual({ ok: true, apiBase: 'https://api.shop.example' });
    expect(parseApiBase('https://shop.example/store//')).toEqual({ ok: true, apiBase: 'https://shop.example/store' });
    expect(parseApiBase('http://127.0.0.1:4010')).toEqual({ ok: true, apiBase: 'http://127.0.0.1:4010' });
    expect(parseApiBase('http://localhost:4010')).toEqual({ ok: true, apiBase: 'http://localhost:4010' });
    // the same loopback rule as config.json's and the store's links (shared/loopback.ts)
    expect(parseApiBase('http://shop.localhost:4010/')).toEqual({ ok: true, apiBase: 'http://shop.localhost:4010' });
    expect(parseApiBase('http://127.0.0.2:4010')).toEqual({ ok: true, apiBase: 'http://127.0.0.2:4010' });
    expect(parseApiBase('http://[::1]:4010')).toEqual({ ok: true, apiBase: 'http://[::1]:4010' });
  });

  it('refuses plain http to a real host: the token would travel in clear', () => {
    for (const value of ['http://api.shop.example', 'HTTP://API.SHOP.EXAMPLE', 'http://127.0.0.1.evil.example', 'http://localhost.evil.example', 'http://[::ffff:127.0.0.1]']) {
      expect(parseApiBase(value), value).toEqual({ ok: false, problem: 'api-base must start with https://.' });
    }
  });

  it('refuses non-http schemes, relative URLs, credentials, queries and fragments', () => {
    for (const value of ['javascript:alert(1)', 'data:text/plain,x', '/api', '//evil.example', 'https://u:p@shop.example', 'https://shop.example/?a=1', 'https://shop.example/#x']) {
      expect(parseApiBase(value)).toEqual({ ok: false, problem: 'api-base is not an http(s) URL.' });
    }
    expect(parseApiBase(null)).toEqual({ ok: false, problem: 'no api-base attribute.' });
    expect(parseApiBase('  ')).toEqual({ ok: false, problem: 'no api-base attribute.' });
  });
});

describe('parseBoundedInteger', () => {
  it('clamps to the range and falls back on anything that is not an integer', () => {
    expect(parseBoundedInteger('0', 1, 100, 12)).toBe(1);
    expect(parseBoundedInteger('500', 1, 100, 12)).toBe(100);
    expect(parseBoundedInteger('-3', 1, 100, 12)).toBe(1);
    expect(parseBoundedInteger(' 7 ', 1, 100, 12)).toBe(7);
    expect(parseBoundedInteger('2.5', 1, 100, 12)).toBe(12);
    expect(parseBoundedInteger('abc', 1, 100, 12)).toBe(12);
    expect(parseBoundedInteger('', 1, 12, null)).toBeNull();
    expect(parseBoundedInteger(null, 1, 12, null)).toBeNull();
    expect(parseBoundedInteger('1e3', 1, 100, 12)).toBe(12);
  });
});

describe('queryKey', () => {
  it('is the same where only the column count differs (no new request, and widgets of a page share one), and differs for any other attribute', () => {
    const read = (values: Partial<Record<WidgetAttribute, string>>) => {
      const result = readWidgetOptions(attrs(values));
      if (!result.ok) throw new Error('fixture options should be valid');
      return queryKey(result.options);
    };
    const base = { ...BASE, category: 'Mugs', limit: '4' };
    expect(read({ ...base, columns: '2' })).toBe(read({ ...base, columns: '5' }));
    // the same address and token written differently are the same question
    expect(read({ ...base, 'api-base': 'https://api.shop.example/', token: ' abc.DEF-123_~+/= ' })).toBe(read(base));
    const others = [
      read({ ...base, search: 'mug' }),
      read({ ...base, category: 'Teapots' }),
      read({ ...base, limit: '5' }),
      read({ ...base, token: 'another-token' }),
      read({ ...base, 'api-base': 'https://other.shop.example' }),
      read({ ...base, 'storefront-url': 'https://shop.example' }),
      read({ ...base, kind: 'shopware6' }),
    ];
    expect(new Set([read(base), ...others]).size).toBe(others.length + 1);
  });
});
