import { describe, expect, it } from 'vitest';
import { captureRedirect } from '../../../src/lib/oauth/callback.ts';

const page = 'https://cdn.example.com/shops/acme/';

describe('captureRedirect', () => {
  it('ignores a plain page and app routes in the hash', () => {
    expect(captureRedirect(page)).toBeNull();
    expect(captureRedirect(`${page}#/product/42?q=mug`)).toBeNull();
    expect(captureRedirect(`${page}?utm_source=mail#/`)).toBeNull();
    expect(captureRedirect(`${page}#main-content`)).toBeNull();
    expect(captureRedirect('not a url')).toBeNull();
  });

  it('captures an implicit fragment and scrubs it, keeping path and query', () => {
    const captured = captureRedirect(`${page}?shop=1#access_token=SECRET&token_type=bearer&state=xyz&scope=a+b`);
    expect(captured).not.toBeNull();
    expect(captured?.responseMode).toBe('fragment');
    expect(captured?.params.get('access_token')).toBe('SECRET');
    expect(captured?.params.get('scope')).toBe('a b');
    expect(captured?.cleanHref).toBe(`${page}?shop=1`);
    expect(captured?.problem).toBeUndefined();
  });

  it('captures an implicit error fragment', () => {
    const captured = captureRedirect(`${page}#error=access_denied&state=xyz`);
    expect(captured?.responseMode).toBe('fragment');
    expect(captured?.params.get('error')).toBe('access_denied');
    expect(captured?.cleanHref).toBe(page);
  });

  it('captures a code query, removes only the OAuth parameters and keeps a route hash', () => {
    const captured = captureRedirect(`${page}?shop=1&code=C0DE&state=xyz&iss=https%3A%2F%2Fop#/orders`);
    expect(captured?.responseMode).toBe('query');
    expect(captured?.params.get('code')).toBe('C0DE');
    expect(captured?.params.get('state')).toBe('xyz');
    expect(captured?.params.has('shop')).toBe(false);
    expect(captured?.cleanHref).toBe(`${page}?shop=1#/orders`);
    expect(captured?.cleanHref).not.toContain('C0DE');
  });

  it('captures a code error query with no other query left', () => {
    const captured = captureRedirect(`${page}?error=access_denied&error_description=no+thanks&state=s`);
    expect(captured?.responseMode).toBe('query');
    expect(captured?.params.get('error_description')).toBe('no thanks');
    expect(captured?.cleanHref).toBe(page);
  });

  it('flags a repeated parameter and still scrubs the URL', () => {
    const captured = captureRedirect(`${page}#access_token=A&access_token=B&state=s&token_type=bearer`);
    expect(captured?.problem).toBe('repeated-parameter');
    expect(captured?.cleanHref).toBe(page);
  });

  it('flags a code and a token together, in one place or split across query and fragment', () => {
    expect(captureRedirect(`${page}#access_token=A&code=C&state=s`)?.problem).toBe('mixed-response');
    const split = captureRedirect(`${page}?code=C&state=s#access_token=A&state=s`);
    expect(split?.problem).toBe('mixed-response');
    expect(split?.cleanHref).toBe(page);
    expect(captureRedirect(`${page}?access_token=A&state=s`)?.problem).toBe('mixed-response');
  });

  it('treats a bare state as a callback (so it fails loudly rather than lingering in the URL)', () => {
    const captured = captureRedirect(`${page}?state=s`);
    expect(captured?.responseMode).toBe('query');
    expect(captured?.cleanHref).toBe(page);
  });
});
