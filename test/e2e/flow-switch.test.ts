/**
 * A store connected with code + PKCE whose config.json entry the deployer then switches to the
 * implicit flow, in Chromium against the demo store, which records revocations. The refresh token the
 * code flow left is no use to the implicit flow: once a new grant replaces the connection, or the
 * store refuses the old access token, it is revoked at the store and gone from storage, and the
 * screens say what happened as they always do. Photographed at 360 and 1280 px
 * (.test-artifacts/screenshots/flow-switch-*.png).
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useE2e } from '../helpers/e2e-fixture.ts';
import { STORE_NAME, answerConsent, connectThroughConsent, photographAtWidths, readSealedRecord, storeAccepts, type AppUnderTest } from '../helpers/e2e-app.ts';

const PKCE = `${STORE_NAME} (PKCE)`;
type Tokens = { accessToken: string; refreshToken?: string; scopes: string[] };

const e2e = useE2e();
let page: Page;
let env: AppUnderTest;

async function tokensOf(): Promise<Tokens | undefined> {
  return ((await readSealedRecord(page, 'session:demo-code')) as { session: { tokens: Tokens } } | null)?.session.tokens;
}

/** Whether the store still accepts `token` for its API. */
const apiAccepts = (token: string): Promise<boolean> => storeAccepts(env.store.origin, token);

const photograph = (name: string): Promise<void> => photographAtWidths(page, `flow-switch-${name}`);

/** Signed in to the PKCE store (storefront), on its Orders (locked); then config.json gives it the implicit flow, and the page is loaded again. */
async function codeSessionThenImplicit(): Promise<Tokens> {
  env = await e2e.startApp({ store: { maxScopes: ['storefront', 'cart', 'admin'] } });
  ({ page } = await e2e.open());
  await page.goto(env.app.url);
  await connectThroughConsent(page, PKCE);
  await page.getByRole('heading', { name: STORE_NAME, level: 1 }).waitFor();
  await page.getByRole('link', { name: /Orders/ }).click();
  await page.getByRole('heading', { name: 'Orders' }).waitFor();
  const before = (await tokensOf())!;
  expect(typeof before.refreshToken).toBe('string');
  env.app.setOverride('config.json', JSON.stringify({ stores: env.stores.map((store) => (store.id === 'demo-code' ? { ...store, flow: 'token' } : store)) }));
  await page.reload();
  return before;
}

describe('code + PKCE, then config.json switches the store to the implicit flow', () => {
  it('Grant access, and the store grants nothing more: the implicit grant is the connection, and the old grant (its refresh token) is revoked at the store', async () => {
    const before = await codeSessionThenImplicit();
    env.store.setMaxScopes(['storefront']);
    await page.getByRole('button', { name: /Grant access/ }).click();
    await page.getByRole('button', { name: 'Allow', exact: true }).waitFor();
    expect(new URL(page.url()).searchParams.get('response_type')).toBe('token');
    await answerConsent(page, 'Allow');
    const said = page.getByRole('status').filter({ hasText: /did not grant/ });
    await said.waitFor();
    expect(await page.getByRole('alert').count()).toBe(0);
    await expect.poll(() => env.store.traffic.revocations().includes('refresh_token')).toBe(true);
    const after = (await tokensOf())!;
    // Compared as booleans: a failing assertion never prints a token.
    expect({ sameAccess: after.accessToken === before.accessToken, refreshTokenKept: after.refreshToken !== undefined, scopes: after.scopes }).toEqual({
      sameAccess: false,
      refreshTokenKept: false,
      scopes: ['storefront'],
    });
    expect(await apiAccepts(before.accessToken)).toBe(false);
    expect(await apiAccepts(after.accessToken)).toBe(true);
    await page.getByRole('button', { name: /Grant access/ }).waitFor();
    await photograph('granted-nothing-new');
  });

  it('the store refuses the old access token (401): the banner offers Reconnect, nothing is renewed, and the refresh token is revoked, not left valid at the store', async () => {
    const before = await codeSessionThenImplicit();
    await page.getByRole('heading', { name: 'Orders' }).waitFor();
    const tokenRequests = env.store.stats().tokenRequests;
    env.store.expireAccessTokens(); // the refresh token stays valid at the store
    await page.goto(`${env.app.url}#/s/demo-code`); // the catalogue: the store's API asked with the old token
    const banner = page.getByRole('alert').filter({ hasText: `Your access to ${PKCE} has ended` });
    await banner.waitFor();
    await banner.getByRole('button', { name: 'Reconnect' }).waitFor();
    await expect.poll(() => env.store.traffic.revocations()).toEqual(['refresh_token']);
    expect(env.store.stats().tokenRequests).toBe(tokenRequests);
    expect(await tokensOf()).toBeUndefined();
    const words = await page.locator('body').innerText();
    expect([words.includes(before.accessToken), words.includes(before.refreshToken!)]).toEqual([false, false]);
    await photograph('access-ended');
    await banner.getByRole('button', { name: 'Reconnect' }).click();
    await page.getByRole('button', { name: 'Allow', exact: true }).waitFor();
    expect(new URL(page.url()).searchParams.get('response_type')).toBe('token');
    await answerConsent(page, 'Allow');
    await page.getByRole('heading', { name: STORE_NAME, level: 1 }).waitFor();
    expect((await tokensOf())?.refreshToken).toBeUndefined();
  });
});
