/**
 * The words for errors (messages.ts): a token endpoint's own failure while finishing a sign-in is the
 * store's trouble, worth another try, not a refusal (security case 15); a refusal keeps its words.
 */
import { describe, expect, it } from 'vitest';
import { explain } from '../../../src/lib/components/messages.ts';
import { AppError, HttpError } from '../../../src/lib/oauth/errors.ts';

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
