/**
 * The widget's words for the site owner (console) and whether visitors get Try again: an unknown
 * kind names the kinds the widget reads; Try again only where a retry could help (no answer, a
 * timeout, 5xx, rate limiting), never for an answer that will be the same next time.
 */
import { describe, expect, it } from 'vitest';
import type { AppErrorCode } from '../../../src/lib/oauth/errors.ts';
import { WIDGET_READERS } from '../../../src/lib/providers/storefronts.ts';
import { errorDetail, isRetryable } from '../../../src/widget/messages.ts';
import { readWidgetOptions } from '../../../src/widget/options.ts';

describe('widget messages', () => {
  it('an unknown kind names the kinds the widget reads, never an attribute’s value', () => {
    expect([...WIDGET_READERS.keys()]).toEqual(['goodsie', 'shopware6']);
    const result = readWidgetOptions((name) => ({ kind: 'shopify', 'api-base': 'https://shop.example', token: 'SECRET-token-value' })[name as string] ?? null);
    if (result.ok) throw new Error('shopify is no kind the widget reads');
    const detail = result.problem;
    expect(detail).toBe('kind must be goodsie or shopware6.');
    expect(detail).not.toMatch(/shopify|SECRET|token/);
  });

  it('Try again only for a failure a retry can fix: no answer (or a timeout), 5xx, rate limiting', () => {
    const retryable: AppErrorCode[] = ['API_NETWORK_ERROR', 'API_SERVER_ERROR', 'API_RATE_LIMITED'];
    const permanent: AppErrorCode[] = ['API_NOT_FOUND', 'API_BAD_REQUEST', 'API_UNAUTHORIZED', 'API_INSUFFICIENT_SCOPE', 'API_INVALID_RESPONSE', 'CONFIG_INVALID'];
    for (const code of retryable) expect(isRetryable(code), code).toBe(true);
    for (const code of permanent) expect(isRetryable(code), code).toBe(false);
  });

  it('no answer names the host page’s CSP connect-src among the causes: a request it refuses fails as the network does', () => {
    expect(errorDetail('API_NETWORK_ERROR')).toBe('the store could not be reached (offline, wrong api-base, CORS, or CSP connect-src).');
  });

  it('a 404 says to check api-base; every load failure has its own words', () => {
    expect(errorDetail('API_NOT_FOUND')).toBe('the store answered 404; check api-base.');
    for (const code of ['API_NETWORK_ERROR', 'API_SERVER_ERROR', 'API_RATE_LIMITED', 'API_BAD_REQUEST', 'API_UNAUTHORIZED', 'API_INVALID_RESPONSE'] as const) {
      expect(errorDetail(code)).toMatch(/^[a-z].*\.$/);
      expect(errorDetail(code)).not.toBe(code);
    }
  });
});
