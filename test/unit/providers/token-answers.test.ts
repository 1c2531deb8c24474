/**
 * Security cases 11 and 12 on the platforms whose token answers do not come through Goodsie's code:
 * Shopware 6's /api/oauth/token and Foxy's /token. A token that is not a bearer token is never
 * taken (so never sent), and a lifetime that is negative, not a number or longer than a day is not
 * believed: the token is renewed within a day at most.
 */
import { describe, expect, it } from 'vitest';
import { requestToken } from '../../../src/lib/providers/shopware6/token.ts';
import { processFoxyRefreshResponse } from '../../../src/lib/providers/foxy/token.ts';
import { DEFAULT_MAX_LIFETIME_SECONDS } from '../../../src/lib/oauth/token.ts';
import { catchAppError } from '../../helpers/catch-error.ts';

const NOW = 1_700_000_000_000;
const DAY_MS = DEFAULT_MAX_LIFETIME_SECONDS * 1000;
const ok = (body: Record<string, unknown>) => new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });

const shopware = (body: Record<string, unknown>) =>
  requestToken(async () => ok(body), 'https://shop.example', { grant_type: 'client_credentials', client_id: 'SWIAEXAMPLEKEY0001', client_secret: 's' }, () => NOW);
const foxy = (body: Record<string, unknown>) => processFoxyRefreshResponse(ok(body), { now: NOW, previousRefreshToken: 'rt' });

const SHOPWARE_OK = { token_type: 'Bearer', expires_in: 600, access_token: 'eyJ.shopware.token' };
const FOXY_OK = { token_type: 'bearer', expires_in: 7200, access_token: 'foxy-access-token', refresh_token: 'rt', scope: 'store_full_access' };

describe.each([
  ['Shopware 6', shopware, SHOPWARE_OK],
  ['Foxy', foxy, FOXY_OK],
] as const)('%s token answers', (_platform, answer, good) => {
  it('a bearer token in any case is taken', async () => {
    expect((await answer({ ...good, token_type: 'BEARER' })).accessToken).toBe(good.access_token);
  });

  it.each(['mac', 'DPoP', 'N_A'])('token_type %s is refused (OAUTH_UNSUPPORTED_TOKEN_TYPE)', async (type) => {
    expect((await catchAppError(() => answer({ ...good, token_type: type }))).code).toBe('OAUTH_UNSUPPORTED_TOKEN_TYPE');
  });

  it('no token_type at all is refused', async () => {
    const { token_type: _dropped, ...rest } = good;
    expect((await catchAppError(() => answer(rest))).code).toBe('OAUTH_INVALID_RESPONSE');
  });

  it.each([
    ['huge', 10 * 365 * 24 * 3600],
    ['negative', -5],
    ['not a number', 'soon'],
  ])('an expires_in that is %s is not believed: the token is renewed within a day', async (_label, lifetime) => {
    const tokens = await answer({ ...good, expires_in: lifetime }).catch((error: unknown) => error as Error);
    // refused outright, or clamped to a day at most: never a token kept for longer
    if (tokens instanceof Error) expect((tokens as { code?: string }).code).toBe('OAUTH_INVALID_RESPONSE');
    else {
      expect(tokens.expiresAt).not.toBeNull();
      expect(tokens.expiresAt! - NOW).toBeGreaterThanOrEqual(0);
      expect(tokens.expiresAt! - NOW).toBeLessThanOrEqual(DAY_MS);
    }
  });
});
