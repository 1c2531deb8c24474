import { describe, expect, it } from 'vitest';
import { parseBearerChallenge, parseRetryAfter } from '../../../src/lib/api/http-headers.ts';

describe('parseBearerChallenge', () => {
  it('reads RFC 6750 auth-params', () => {
    expect(parseBearerChallenge('Bearer realm="example", error="insufficient_scope", error_description="needs more", scope="admin"')).toEqual({
      realm: 'example',
      error: 'insufficient_scope',
      error_description: 'needs more',
      scope: 'admin',
    });
  });

  it('is case-insensitive on the scheme and parameter names, and accepts token values', () => {
    expect(parseBearerChallenge('bearer Error=insufficient_scope, SCOPE=cart')).toEqual({ error: 'insufficient_scope', scope: 'cart' });
  });

  it('unescapes quoted strings and keeps commas inside them', () => {
    expect(parseBearerChallenge('Bearer error_description="a \\"quoted\\", text", scope="storefront admin"')).toEqual({
      error_description: 'a "quoted", text',
      scope: 'storefront admin',
    });
  });

  it('finds the Bearer challenge among others', () => {
    expect(parseBearerChallenge('Basic realm="x", Bearer scope="admin", DPoP algs="ES256"')).toEqual({ scope: 'admin' });
    expect(parseBearerChallenge('Basic dXNlcjpwYXNz==, Bearer scope="cart"')).toEqual({ scope: 'cart' });
  });

  it('gives undefined without a Bearer challenge', () => {
    expect(parseBearerChallenge(null)).toBeUndefined();
    expect(parseBearerChallenge('')).toBeUndefined();
    expect(parseBearerChallenge('Basic realm="x", scope="admin"')).toBeUndefined();
    expect(parseBearerChallenge('Bearer')).toEqual({});
  });

  it('survives garbage without looping', () => {
    expect(parseBearerChallenge('Bearer scope="unterminated')).toEqual({ scope: 'unterminated' });
    expect(parseBearerChallenge('@@@ ,,, === Bearer ;; scope=x')).toEqual({ scope: 'x' });
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2024-03-01T12:00:00Z');

  it('reads delta-seconds, capped at 60 and never negative', () => {
    expect(parseRetryAfter('7', now)).toBe(7);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
    expect(parseRetryAfter('61', now)).toBe(60);
    expect(parseRetryAfter('99999999999999999999', now)).toBe(60);
  });

  it('reads an HTTP-date', () => {
    expect(parseRetryAfter('Fri, 01 Mar 2024 12:00:10 GMT', now)).toBe(10);
    expect(parseRetryAfter('Fri, 01 Mar 2024 11:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('Sat, 02 Mar 2024 12:00:00 GMT', now)).toBe(60);
  });

  it('defaults to 2 when absent or unreadable', () => {
    expect(parseRetryAfter(null, now)).toBe(2);
    expect(parseRetryAfter(undefined, now)).toBe(2);
    expect(parseRetryAfter('soon', now)).toBe(2);
    expect(parseRetryAfter('-5', now)).toBe(2);
    expect(parseRetryAfter('1.5', now)).toBe(2);
  });
});
