/**
 * The words for errors (messages.ts): a token endpoint's own failure while finishing a sign-in is the
 * store's trouble, worth another try, not a refusal (security case 15); a refusal keeps its words.
 */
import { describe, expect, it } from 'vitest';
import { explain } from '../../../src/lib/components/messages.ts';
import { AppError } from '../../../src/lib/oauth/errors.ts';
import { HttpError } from '../../../src/lib/oauth/http-errors.ts';

describe('explain', () => {
  it.each([500, 502, 503])('a token endpoint answering %i: the store had a problem, try again in a moment', (status) => {
    expect(explain(new HttpError('OAUTH_TOKEN_REQUEST_FAILED', status))).toEqual({
      title: 'The store could not finish the sign-in',
      detail: 'It had a problem on its side, so nothing was connected. Try again in a moment.',
    });
  });

  it('a token endpoint refusing (400 invalid_grant) keeps the words of a refusal; a 5xx of the store API is not a sign-in', () => {
    expect(explain(new HttpError('OAUTH_TOKEN_REQUEST_FAILED', 400)).title).toBe('The store would not issue a token');
    expect(explain(new HttpError('API_SERVER_ERROR', 503)).title).not.toBe('The store could not finish the sign-in');
    expect(explain(new AppError('OAUTH_TOKEN_REQUEST_FAILED')).title).toBe('The store would not issue a token');
  });
});

describe('explain, a store API request that got no answer', () => {
  it('names CORS on both clients (Goodsie’s and the seam’s): a store blocking one address only is not the person’s connection', () => {
    for (const code of ['NETWORK_OR_CORS', 'API_NETWORK_ERROR'] as const) {
      expect(explain(new AppError(code)).title).toBe('The store could not be reached');
      expect(explain(new AppError(code)).detail).toContain('(CORS)');
    }
  });
});

describe('explain, once the page’s own Content-Security-Policy blocked a request', () => {
  it('says the site is not set up to reach the store (naming the address and npm run csp), for requests that got no answer only', async () => {
    const { watchPolicyViolations } = await import('../../../src/lib/components/policy-violations.svelte.ts');
    expect(explain(new AppError('NETWORK_OR_CORS')).title).toBe('The store could not be reached');
    const target = new EventTarget();
    watchPolicyViolations(target as unknown as Document);
    const violation = (directive: string, uri: string) =>
      target.dispatchEvent(Object.assign(new Event('securitypolicyviolation'), { effectiveDirective: directive, blockedURI: uri }));
    violation('img-src', 'https://pictures.example/a.png');
    violation('connect-src', 'inline');
    expect(explain(new AppError('API_NETWORK_ERROR')).title).toBe('The store could not be reached');
    violation('connect-src', 'https://new-api.example/api/v1/products?x=1');
    violation('connect-src', 'https://new-api.example/other');
    for (const code of ['NETWORK_OR_CORS', 'API_NETWORK_ERROR'] as const) {
      const words = explain(new AppError(code));
      expect(words.title).toBe('This site is not set up to reach the store');
      expect(words.detail).toContain('does not allow https://new-api.example:');
      expect(words.detail).toContain('npm run csp');
    }
    expect(explain(new AppError('API_UNAUTHORIZED')).title).not.toBe('This site is not set up to reach the store');
  });
});

describe('storage refused for want of space (a sign-in on a full sessionStorage, storage/session-fallback.ts)', () => {
  it('says the device is out of space and what to do, not "private mode or blocked"', () => {
    const words = explain(new AppError('STORAGE_FULL', 'sessionStorage failed (QuotaExceededError)', { cause: 'QuotaExceededError' }));
    expect(words.title).toBe('This device is out of storage space');
    expect(words.detail).toContain('Free up space on the device');
    expect(`${words.title} ${words.detail}`).not.toMatch(/private|blocked/);
    expect(explain(new AppError('STORAGE_UNAVAILABLE', 'sessionStorage failed (SecurityError)')).detail).toMatch(/private mode/);
  });
});
