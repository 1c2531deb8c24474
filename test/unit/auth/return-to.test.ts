import { describe, expect, it } from 'vitest';
import { sanitizeReturnTo } from '../../../src/lib/auth/return-to.ts';

describe('sanitizeReturnTo', () => {
  it.each(['/', '/product/42?q=mug', '/orders#top', '/a/b/c'])('keeps the internal route %s', (route) => {
    expect(sanitizeReturnTo(route)).toBe(route);
  });

  it.each([
    ['an absolute URL', 'https://evil.example/'],
    ['a protocol-relative URL', '//evil.example/'],
    ['a backslash trick', '/\\evil.example'],
    ['a percent-encoded protocol-relative URL', '%2F%2Fevil.example'],
    ['a scheme without slashes', 'https:evil.example'],
    ['a javascript: URL in capitals', 'JaVaScRiPt:alert(1)'],
    ['a javascript: URL', 'javascript:alert(1)'],
    ['a tab trick', '/\t/evil.example'],
    ['a newline', '/ok\n'],
    ['a relative path', 'product/42'],
    ['empty', ''],
    ['not a string', 42],
    ['too long', `/${'a'.repeat(5000)}`],
  ])('replaces %s with /', (_label, value) => {
    expect(sanitizeReturnTo(value)).toBe('/');
  });
});
