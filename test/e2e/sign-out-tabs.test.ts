/**
 * Authoritative sign-out across tabs in Chromium (security case 27): sign out in one tab; the other
 * tab shows the store signed out within a second, sends no request with the old token afterwards,
 * and the store received the revocation of the refresh token (RFC 7009). Signed in again in the
 * first tab, the other shows the store's catalogue without a reload, with the new token.
 */
import { describe, expect, it } from 'vitest';
import { useE2e } from '../helpers/e2e-fixture.ts';
import { STORE_NAME, connectThroughConsent, readSealedRecord, readSessionKeys } from '../helpers/e2e-app.ts';
import { stampOf, watchShown } from '../helpers/page-stamps.ts';

const CODE_STORE = `${STORE_NAME} (PKCE)`;
const e2e = useE2e({ app: {} });

describe('sign-out in one of two tabs', () => {
  it('the other tab is signed out within a second, sends nothing more with the old token, and the store saw the revocation', async () => {
    const { context, page: first } = await e2e.open();
    await first.goto(e2e.env.app.url);
    await connectThroughConsent(first, CODE_STORE);
    await first.getByRole('heading', { name: STORE_NAME, level: 1 }).waitFor();
    const record = (await readSealedRecord(first, 'session:demo-code')) as { session: { tokens: { accessToken: string } } };
    const oldToken = record.session.tokens.accessToken;

    const second = await context.newPage();
    await second.goto(`${e2e.env.app.url}#/s/demo-code`);
    await second.getByRole('heading', { name: STORE_NAME, level: 1 }).waitFor();
    await expect.poll(() => e2e.env.store.traffic.apiRequestsWith(oldToken)).toBeGreaterThan(0);

    const revocationsBefore = e2e.env.store.stats().revocations;
    // "Within a second" is timed by the two tabs' own clocks (the machine's wall clock in each), from
    // this tab's stores list to the other tab's heading: not by when this process hears of them,
    // hundreds of ms late on a busy machine.
    await watchShown(first, 'signed-out', { selector: 'h1, h2', text: 'Your stores' });
    await watchShown(second, 'signed-out-elsewhere', { selector: 'h1, h2', text: `${CODE_STORE} is not connected` });
    await first.getByRole('button', { name: 'Sign out' }).click();
    await first.getByRole('heading', { name: 'Your stores' }).waitFor();
    const usesAtSignOut = e2e.env.store.traffic.apiRequestsWith(oldToken);

    await second.getByRole('heading', { name: `${CODE_STORE} is not connected` }).waitFor();
    await second.getByRole('status').filter({ hasText: 'It was signed out in another tab of this browser.' }).waitFor();
    expect((await stampOf(second, 'signed-out-elsewhere')) - (await stampOf(first, 'signed-out'))).toBeLessThan(1_000);

    // The other tab tries to work with the store: going back to the catalogue sends nothing with the old token.
    await second.goto(`${e2e.env.app.url}#/`);
    await second.goto(`${e2e.env.app.url}#/s/demo-code`);
    await second.getByRole('heading', { name: `${CODE_STORE} is not connected` }).waitFor();
    await second.reload();
    await second.getByRole('heading', { name: `${CODE_STORE} is not connected` }).waitFor();
    expect(e2e.env.store.traffic.apiRequestsWith(oldToken)).toBe(usesAtSignOut);

    expect(e2e.env.store.stats().revocations).toBe(revocationsBefore + 2);
    expect(e2e.env.store.traffic.revocations().slice(-2)).toEqual(['refresh_token', 'access_token']);
    expect(await readSessionKeys(second)).toEqual([]);

    // Signed in again in the first tab: the second, still on the store's "not connected" page,
    // shows its catalogue without a reload, and asks the store with the new token.
    // Timed on the browser's clocks, from when the first tab had the store's answer to its code
    // (Playwright's request timing) to the second tab's heading: the first tab shows its own
    // catalogue only after loading it, often after the second.
    await watchShown(second, 'connected-elsewhere', { selector: 'h1', text: STORE_NAME });
    const exchange = first.waitForEvent('requestfinished', (request) => request.url() === `${e2e.env.store.origin}/oauth2/access_token`);
    await connectThroughConsent(first, CODE_STORE);
    await first.getByRole('heading', { name: STORE_NAME, level: 1 }).waitFor();
    await second.getByRole('heading', { name: STORE_NAME, level: 1 }).waitFor();
    const exchanged = (await exchange).timing();
    expect(exchanged.responseEnd, 'the browser timed the exchange').toBeGreaterThan(0);
    expect((await stampOf(second, 'connected-elsewhere')) - (exchanged.startTime + exchanged.responseEnd)).toBeLessThan(2_000);
    const renewed = (await readSealedRecord(first, 'session:demo-code')) as { session: { tokens: { accessToken: string } } };
    expect(renewed.session.tokens.accessToken).not.toBe(oldToken);
    await expect.poll(() => second.locator('main ul > li article').count()).toBeGreaterThan(0);
    expect(e2e.env.store.traffic.apiRequestsWith(oldToken)).toBe(usesAtSignOut);
    expect(e2e.env.store.traffic.apiRequestsWith(renewed.session.tokens.accessToken)).toBeGreaterThan(0);
  });
});
