import { describe, expect, it } from 'vitest';
import { credentialFailureWords } from '../../../src/lib/components/credential-words.ts';
import { AppError } from '../../../src/lib/oauth/errors.ts';
import { HttpError } from '../../../src/lib/oauth/http-errors.ts';

describe('credentialFailureWords', () => {
  it('shows a connector’s own words for a refused credential, naming the platform', () => {
    const words = credentialFailureWords(new HttpError('CREDENTIALS_REJECTED', 401, { message: 'The store did not accept this access key ID and secret.' }), 'Shopware 6');
    expect(words).toEqual({ title: 'Shopware 6 did not accept these credentials', detail: 'The store did not accept this access key ID and secret.' });
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
});
