import { describe, expect, it } from 'vitest';
import { credentialFailureWords, credentialUnjudged } from '../../../src/lib/components/credential-words.ts';
import { AppError } from '../../../src/lib/oauth/errors.ts';
import { HttpError } from '../../../src/lib/oauth/http-errors.ts';

describe('credentialFailureWords', () => {
  it('says a refusal once: the platform and what it refused in the heading, the connector’s words only why', () => {
    const words = credentialFailureWords(new HttpError('CREDENTIALS_REJECTED', 401, { message: 'The values are wrong, or the integration was deleted.' }), 'Shopware 6', 'access key ID and secret');
    expect(words).toEqual({ title: 'Shopware 6 did not accept this access key ID and secret', detail: 'The values are wrong, or the integration was deleted.' });
    // a form that does not name its credential
    expect(credentialFailureWords(new AppError('CREDENTIALS_REJECTED', 'It is wrong, disabled or deleted.'), 'StoreHippo').title).toBe('StoreHippo did not accept these credentials');
  });

  it('no connector repeats the heading: every refusal names neither the platform nor "did not accept" again', async () => {
    const { KEY_REFUSED } = await import('../../../src/lib/providers/storehippo/adapter.ts');
    const { tokenFailure } = await import('../../../src/lib/providers/shopware6/token.ts');
    const refusals = [KEY_REFUSED, tokenFailure(401, { errors: [{ code: '4' }] }, 'client_credentials').message, tokenFailure(400, { errors: [{ code: '6' }] }, 'password').message];
    for (const message of refusals) expect(message).not.toMatch(/did not accept|refused this|StoreHippo|Shopware/);
  });

  it('says how long a throttle lasts from the wait the store gave, never the developer message', () => {
    const words = credentialFailureWords(new HttpError('API_RATE_LIMITED', 429, { retryAfter: 17, message: 'probe: HTTP 429 3 times' }), 'Shopware 6');
    expect(words.detail).toContain('Wait 17 seconds');
    expect(words.detail).not.toContain('HTTP');
    expect(credentialFailureWords(new HttpError('API_RATE_LIMITED', 429, { retryAfter: 1 }), 'Shopware 6').detail).toMatch(/^Wait a second and try again;/);
    expect(credentialFailureWords(new HttpError('API_RATE_LIMITED', 429, {}), 'Shopware 6').detail).toMatch(/^Wait a few seconds and try again;/);
  });

  it('keeps the generic words for codes whose message is for developers', () => {
    const words = credentialFailureWords(new HttpError('API_SERVER_ERROR', 500, { message: 'listProducts: HTTP 500' }), 'Shopware 6');
    expect(words.detail).not.toContain('HTTP 500');
    expect(credentialFailureWords(new AppError('NETWORK_OR_CORS', 'x'), 'Shopware 6').detail).toContain('(CORS)');
    expect(credentialFailureWords(new Error('boom'), 'Shopware 6').title).toBe('Something went wrong');
  });

  it('says what was entered is kept where the store never judged it (no answer, a 5xx, a throttle), and only there', () => {
    const kept = /^Nothing was connected, and what you entered is kept\. /;
    expect(credentialFailureWords(new AppError('NETWORK_OR_CORS', 'x'), 'Foxy').detail).toMatch(kept);
    expect(credentialFailureWords(new AppError('API_NETWORK_ERROR'), 'Foxy').detail).toMatch(kept);
    expect(credentialFailureWords(new HttpError('API_SERVER_ERROR', 503, {}), 'Foxy').detail).toBe('Nothing was connected, and what you entered is kept. The store could not answer just now. Please try again.');
    expect(credentialFailureWords(new AppError('CREDENTIALS_REJECTED', 'Wrong.'), 'Foxy').detail).not.toMatch(kept);
    // a throttle says it in its own sentence, after the wait (the form gives the credential back: credentialUnjudged)
    expect(credentialFailureWords(new HttpError('API_RATE_LIMITED', 429, {}), 'Foxy').detail).toBe('Wait a few seconds and try again; what you entered is kept, and this happens even with correct credentials.');
    expect(credentialUnjudged(new HttpError('API_RATE_LIMITED', 429, {}))).toBe(true);
    expect(credentialUnjudged(new AppError('CREDENTIALS_REJECTED', 'Wrong.'))).toBe(false);
  });
});

describe('endedHereWords', () => {
  it('says what is kept is the place and the edits, not what was typed into the emptied form beside it', async () => {
    const { endedHereWords } = await import('../../../src/lib/components/credential-words.ts');
    for (const words of [endedHereWords('Fruit Shop', { shortName: 'sign-in', credentialName: 'username and password' }), endedHereWords('Fruit Shop', { shortName: 'key', credentialName: 'access key' })]) {
      expect(words).not.toMatch(/nothing you typed/);
      expect(words).toMatch(/ to carry on right here; this page and anything you were editing are kept\.$/);
    }
    expect(endedHereWords('Fruit Shop', undefined)).toMatch(/Enter ones the store accepts to carry on right here;/);
  });

  // Regression: a StoreHippo key the store refused was said to have "expired"; its keys have no lifetime
  // (platforms.md 2.2: revocation is a key disabled or deleted), and neither have Shopware's integration keys.
  it('a refused key or token: says the store no longer accepts it, what likely happened, and to paste one it accepts; never “expired”', async () => {
    const { endedHereWords } = await import('../../../src/lib/components/credential-words.ts');
    expect(endedHereWords('Hippo Demo', { shortName: 'key', credentialName: 'access key' })).toBe(
      'Hippo Demo no longer accepts the saved key: it may have been disabled or deleted at the store. Paste a key the store accepts to carry on right here; this page and anything you were editing are kept.',
    );
    expect(endedHereWords('Foxy Store', { shortName: 'token', credentialName: 'Get Token bundle' })).toMatch(/^Foxy Store no longer accepts the saved token: .* Paste a token the store accepts /);
    for (const mode of [{ shortName: 'key' }, { shortName: 'token' }, undefined]) expect(endedHereWords('Shop', mode)).not.toMatch(/expired|credentials \(/);
  });

  it('isolates a right-to-left store name at the start of its sentence, and leaves a Latin one as it is', async () => {
    const { endedHereWords } = await import('../../../src/lib/components/credential-words.ts');
    const signIn = { shortName: 'sign-in', credentialName: 'admin username and password' };
    expect(endedHereWords('24/7 מרקט', undefined)).toMatch(/^\u206824\/7 מרקט\u2069 no longer accepts the saved credentials\. /);
    expect(endedHereWords('متجر 24', signIn)).toMatch(/^\u2068متجر 24\u2069 ended this app’s sign-in /);
    for (const words of [endedHereWords('Shop 24/7', undefined), endedHereWords('Shop 24/7', signIn)]) {
      expect(words).toMatch(/^Shop 24\/7 /);
      expect(words).not.toMatch(/[\u2066-\u2069]/);
    }
  });
});

// Last in this file: the policy's record is the page's, kept for its life.
describe('credentialFailureWords, a request this site’s own policy blocked', () => {
  it('names the policy and npm run csp, not the store’s CORS, and still says what was entered is kept', async () => {
    const { watchPolicyViolations } = await import('../../../src/lib/components/policy-violations.svelte.ts');
    const page = new EventTarget();
    watchPolicyViolations(page as unknown as Document);
    const violation = Object.assign(new Event('securitypolicyviolation'), { effectiveDirective: 'connect-src', blockedURI: 'https://added.shop.example/api/oauth/token' });
    page.dispatchEvent(violation);
    const words = credentialFailureWords(new AppError('NETWORK_OR_CORS', 'x'), 'Shopware 6');
    expect(words.title).toBe('This site is not set up to reach the store');
    expect(words.detail).toMatch(/^Nothing was connected, and what you entered is kept\. Its security policy \(Content-Security-Policy\) does not allow https:\/\/added\.shop\.example: /);
    expect(words.detail).toContain('npm run csp');
    expect(words.detail).not.toContain('(CORS)');
  });
});
