import { describe, expect, it } from 'vitest';
import { buildApiUrl } from '../../../src/lib/shared/api-url.ts';
import { LOOPBACK_HOSTS } from '../../../src/lib/shared/loopback.ts';
import { formatPrice } from '../../../src/lib/shared/money.ts';
import { TOKEN_SYNTAX } from '../../../src/lib/shared/token-syntax.ts';

describe('formatPrice (the app and the widget)', () => {
  it('formats in the currency for the given locale, and for the browser’s without one', () => {
    expect(formatPrice(1234.5, 'EUR', 'de-DE')).toBe(new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'EUR' }).format(1234.5));
    expect(formatPrice(19.9, 'USD')).toBe(new Intl.NumberFormat(undefined, { style: 'currency', currency: 'USD' }).format(19.9));
    expect(formatPrice(5, 'JPY', 'en-US')).toBe('¥5');
  });

  it('gives a bare two-decimal amount for an unknown currency code', () => {
    expect(formatPrice(3, 'not-a-currency')).toBe(new Intl.NumberFormat(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(3));
  });
});

describe('buildApiUrl', () => {
  it('joins the API base (trailing slashes dropped, a path kept) with the provider’s path and query', () => {
    expect(buildApiUrl('https://shop.example/store//', { path: '/api/v1/products', query: { page: '0', q: 'a b&c' } }).href).toBe(
      'https://shop.example/store/api/v1/products?page=0&q=a+b%26c',
    );
    expect(buildApiUrl('https://shop.example', { path: '/x' }).href).toBe('https://shop.example/x');
  });
});

describe('TOKEN_SYNTAX', () => {
  it('takes 1 to 16,384 visible ASCII characters and nothing else', () => {
    expect(TOKEN_SYNTAX.test('abc.DEF-123_~+/=')).toBe(true);
    expect(TOKEN_SYNTAX.test('x'.repeat(16_384))).toBe(true);
    expect(TOKEN_SYNTAX.test('x'.repeat(16_385))).toBe(false);
    expect(TOKEN_SYNTAX.test('')).toBe(false);
    expect(TOKEN_SYNTAX.test('has space')).toBe(false);
    expect(TOKEN_SYNTAX.test('line\nbreak')).toBe(false);
    expect(TOKEN_SYNTAX.test('é')).toBe(false);
  });
});

describe('LOOPBACK_HOSTS', () => {
  it('holds the loopback names as URL hostnames spell them', () => {
    for (const href of ['http://localhost:1/', 'http://127.0.0.1:1/', 'http://[::1]:1/']) expect(LOOPBACK_HOSTS.has(new URL(href).hostname)).toBe(true);
    expect(LOOPBACK_HOSTS.has(new URL('http://example.com/').hostname)).toBe(false);
  });
});
