import { describe, expect, it } from 'vitest';
import { buildApiUrl } from '../../../src/lib/shared/api-url.ts';
import { isTrustworthy } from '../../../src/lib/shared/loopback.ts';
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

describe('isTrustworthy (W3C Secure Contexts: https, or http to a loopback host)', () => {
  const trusted = (href: string): boolean => isTrustworthy(new URL(href));

  it('trusts https to any host', () => {
    expect(trusted('https://shop.example/')).toBe(true);
    expect(trusted('HTTPS://Shop.Example:8443/x')).toBe(true);
  });

  it('trusts plain http to each loopback form: localhost, *.localhost, 127.0.0.0/8, [::1]', () => {
    for (const href of [
      'http://localhost/',
      'http://localhost:4010/',
      'http://LocalHost:1/',
      'http://shop.localhost:4010/',
      'http://a.b.localhost/',
      'http://127.0.0.1:4010/',
      'http://127.1.2.3/',
      'http://127.255.255.255:80/',
      'http://[::1]:4010/',
      'http://[0:0:0:0:0:0:0:1]/',
      // spellings the URL parser turns into 127.0.0.1: it is where the browser goes
      'http://0x7f.1/',
      'http://2130706433/',
      'http://127.1/',
    ]) {
      expect(trusted(href), href).toBe(true);
    }
  });

  it('refuses plain http to any other host, however it is spelt', () => {
    for (const href of [
      'http://shop.example/',
      'HTTP://SHOP.EXAMPLE/',
      'http:\\shop.example\\x',
      'http://127.0.0.1.evil.example/',
      'http://localhost.evil.example/',
      'http://evillocalhost/',
      'http://localhost-evil.example/',
      'http://localhost./',
      'http://128.0.0.1/',
      'http://10.0.0.1/',
      'http://[::ffff:127.0.0.1]/',
      'http://[::2]/',
      'http://0.0.0.0/',
      'http://localhost@evil.example/',
      'http://127.0.0.1:4010@evil.example/',
    ]) {
      expect(trusted(href), href).toBe(false);
    }
  });

  it('refuses other schemes, loopback or not', () => {
    for (const href of ['ftp://localhost/', 'ws://127.0.0.1/', 'file:///etc/passwd', 'javascript:alert(1)', 'data:text/html,x', 'blob:https://shop.example/1', 'blob:http://127.0.0.1/1']) {
      expect(trusted(href), href).toBe(false);
    }
  });
});
