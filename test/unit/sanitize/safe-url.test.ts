import { describe, expect, it } from 'vitest';
import { parseHttpUrl, toHttpUrl } from '../../../src/lib/sanitize/safe-url.ts';

describe('toHttpUrl', () => {
  it('keeps absolute https URLs, normalised', () => {
    expect(toHttpUrl('https://shop.example/p/1?x=2#top')).toBe('https://shop.example/p/1?x=2#top');
    expect(toHttpUrl('HTTPS://Shop.Example')).toBe('https://shop.example/');
    expect(toHttpUrl('  https://shop.example/a b  ')).toBe('https://shop.example/a%20b');
  });

  it('refuses plain http to a host that is not loopback, however it is spelt (security case 34)', () => {
    for (const value of [
      'http://shop.example/p/1',
      'HTTP://Shop.Example',
      'Http://cdn.shop.example/x.png',
      'http:\\\\shop.example\\x.png',
      'http:/shop.example/x.png',
      'http://127.0.0.1.evil.example/',
      'http://localhost.evil.example/',
      'http://[::ffff:127.0.0.1]/',
      'http://[::ffff:7f00:1]/',
      'http://10.0.0.1/',
    ]) {
      expect(toHttpUrl(value), value).toBeUndefined();
      expect(toHttpUrl(value, 'https://shop.example/'), value).toBeUndefined();
    }
    // relative to a plain-http store address: still http to that host
    expect(toHttpUrl('/img/1.png', 'http://shop.example/')).toBeUndefined();
  });

  it('keeps plain http to a loopback host (the demo and test stores), normalised to where the browser goes', () => {
    expect(toHttpUrl('http://127.0.0.1:4010/p/1')).toBe('http://127.0.0.1:4010/p/1');
    expect(toHttpUrl('HTTP://LOCALHOST:4010/x')).toBe('http://localhost:4010/x');
    expect(toHttpUrl('http://shop.localhost/x')).toBe('http://shop.localhost/x');
    expect(toHttpUrl('http://127.0.0.2/x')).toBe('http://127.0.0.2/x');
    expect(toHttpUrl('http://[::1]:4010/x')).toBe('http://[::1]:4010/x');
    expect(toHttpUrl('http://0x7f.1/x')).toBe('http://127.0.0.1/x');
    expect(toHttpUrl('http:\\\\127.0.0.1:4010\\x')).toBe('http://127.0.0.1:4010/x');
    expect(toHttpUrl('/img/1.png', 'http://127.0.0.1:4011/store/')).toBe('http://127.0.0.1:4011/img/1.png');
  });

  it('resolves relative references against a base, and rejects them without one', () => {
    expect(toHttpUrl('/img/1.png', 'https://cdn.example/store/')).toBe('https://cdn.example/img/1.png');
    expect(toHttpUrl('img/1.png', 'https://cdn.example/store/')).toBe('https://cdn.example/store/img/1.png');
    expect(toHttpUrl('/img/1.png')).toBeUndefined();
    expect(toHttpUrl('img/1.png')).toBeUndefined();
  });

  it('rejects non-strings and empty values', () => {
    for (const value of [undefined, null, 42, {}, ['https://a.example'], '', '   ']) {
      expect(toHttpUrl(value)).toBeUndefined();
    }
  });

  const hostile = [
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    ' javascript:alert(1)',
    'java\tscript:alert(1)',
    'java\nscript:alert(1)',
    'java\u0000script:alert(1)',
    '\u0001javascript:alert(1)',
    'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
    'DATA:image/svg+xml,<svg onload=alert(1)>',
    'vbscript:msgbox(1)',
    'file:///etc/passwd',
    'blob:https://shop.example/uuid',
    'ftp://files.example/x',
    'mailto:someone@example.com',
    '//evil.example/x.png',
    '\\\\evil.example/x.png',
    '/\\evil.example/x.png',
    '\\/evil.example/x.png',
    'https://shop.example@evil.example/',
    'https://user:pass@shop.example/',
    'https://shop.example/\u202Egnp.exe',
    'https://shop\u200B.example/',
    'https://',
    'http:',
    'https://' + 'a'.repeat(9000) + '.example/',
  ];
  for (const value of hostile) {
    it(`rejects ${JSON.stringify(value).slice(0, 60)}`, () => {
      expect(toHttpUrl(value)).toBeUndefined();
      expect(toHttpUrl(value, 'https://shop.example/')).toBeUndefined();
      // parseHttpUrl on its own too: the widget reads its api-base with it (widget/options.ts).
      expect(parseHttpUrl(value)).toBeUndefined();
      expect(parseHttpUrl(value, 'https://shop.example/')).toBeUndefined();
    });
  }

  it('treats an un-decoded entity spelling as a plain relative path, never as a scheme', () => {
    // The HTML parser decodes &colon; before a URL is read; toHttpUrl sees text, where it is no scheme.
    expect(toHttpUrl('javascript&colon;alert(1)')).toBeUndefined();
    expect(toHttpUrl('javascript&colon;alert(1)', 'https://shop.example/')).toBe('https://shop.example/javascript&colon;alert(1)');
  });

  it('does not let a hostile base turn a reference into another scheme', () => {
    expect(toHttpUrl('x', 'javascript:alert(1)//')).toBeUndefined();
    expect(toHttpUrl('x', 'not a url')).toBeUndefined();
  });
});
