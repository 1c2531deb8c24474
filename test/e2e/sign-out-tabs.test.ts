/**
 * Authoritative sign-out across tabs in Chromium (security case 27): sign out in one tab; the other
 * tab shows the store signed out within a second, sends no request with the old token afterwards,
 * and the store received the revocation of the refresh token (RFC 7009). Signed in again in the
 * first tab, the other shows the store's catalogue without a reload, with the new token. And a
 * sign-out does not wait for the other tab's renewal stuck on the token endpoint (it held the store's
 * renewal lock, for up to 30 s): it ends at once, and the renewal answered later saves nothing. Where
 * the sign-out marker cannot be written, it does wait for that renewal, and says so.
 */
import { describe, expect, it } from 'vitest';
import type { BrowserContext, Page, Route } from 'playwright-core';
import { useE2e } from '../helpers/e2e-fixture.ts';
import { STORE_NAME, connectThroughConsent, readSealedRecord, readSessionKeys } from '../helpers/e2e-app.ts';
import { stampOf, watchShown, watchWindowEvent } from '../helpers/page-stamps.ts';
import { SCREENSHOT_DIR } from '../helpers/paths.ts';

const CODE_STORE = `${STORE_NAME} (PKCE)`;
const e2e = useE2e({ app: {} });

/**
 * A second tab on the PKCE store whose renewal reaches the store (which rotates the refresh token)
 * and whose answer is held until `answer()`: that tab holds the store's renewal lock meanwhile, as
 * with a token endpoint that hangs.
 */
async function renewalHeldInAnotherTab(context: BrowserContext): Promise<{ second: Page; answer: () => void }> {
  const second = await context.newPage();
  let answer: () => void = () => undefined;
  const answered = new Promise<void>((resolve) => (answer = resolve));
  let held = 0;
  await second.route(`${e2e.env.store.origin}/oauth2/access_token`, async (route: Route) => {
    held++;
    const response = await route.fetch();
    await answered;
    await route.fulfill({ response }).catch(() => undefined);
  });
  await second.goto(`${e2e.env.app.url}#/s/demo-code`);
  await second.getByRole('heading', { name: STORE_NAME, level: 1 }).waitFor();
  e2e.env.store.expireAccessTokens();
  await second.reload();
  await expect.poll(() => held, { timeout: 10_000 }).toBe(1);
  return { second, answer };
}

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
    expect(e2e.env.store.traffic.revocations().slice(-2).sort()).toEqual(['access_token', 'refresh_token']);
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

  it('while the other tab’s renewal waits on a token endpoint that does not answer, the sign-out ends at once, and the renewal answered later saves nothing', async () => {
    const { context, page: first } = await e2e.open();
    await first.goto(e2e.env.app.url);
    await connectThroughConsent(first, CODE_STORE);
    await first.getByRole('heading', { name: STORE_NAME, level: 1 }).waitFor();
    await first.goto(`${e2e.env.app.url}#/`);
    await first.getByRole('button', { name: `Sign out of ${CODE_STORE}` }).waitFor();

    // The other tab holds the store's renewal lock, its token request unanswered.
    const revocationsBefore = e2e.env.store.stats().revocations;
    const { second, answer } = await renewalHeldInAnotherTab(context);
    try {
      // "At once" (within 3 s) by this tab's own clock, from the click to the card's Connect: not by
      // when this process hears of it, hundreds of ms late on a busy machine.
      await watchWindowEvent(first, 'pressed', 'click');
      await watchShown(first, 'connect-again', { selector: 'button', text: `Connect ${CODE_STORE}` });
      await first.getByRole('button', { name: `Sign out of ${CODE_STORE}` }).click();
      await first.getByRole('heading', { name: 'Your stores' }).waitFor();
      await first.getByRole('button', { name: `Connect ${CODE_STORE}` }).waitFor();
      // before: not until the other tab's renewal let go of the lock (here, never: its answer is held)
      expect((await stampOf(first, 'connect-again')) - (await stampOf(first, 'pressed'))).toBeLessThan(3_000);
      expect(await readSessionKeys(first)).toEqual([]);
      await second.getByRole('heading', { name: `${CODE_STORE} is not connected` }).waitFor();
    } finally {
      answer();
    }
    // The renewal's answer, late: it is not saved (the session does not come back), and what it
    // obtained is revoked, as nobody may use it (the store found both tokens; the sign-out's own
    // refresh token, already rotated by that renewal, was not the store's any more).
    await expect.poll(() => e2e.env.store.stats().revocations - revocationsBefore, { timeout: 10_000 }).toBe(4);
    expect(e2e.env.store.traffic.revocations().slice(-2).sort()).toEqual(['access_token', 'refresh_token']);
    expect(await readSessionKeys(second)).toEqual([]);
    await second.reload();
    await second.getByRole('heading', { name: `${CODE_STORE} is not connected` }).waitFor();
    await first.reload();
    await first.getByRole('button', { name: `Connect ${CODE_STORE}` }).waitFor();
    expect(await readSessionKeys(first)).toEqual([]);
  }, 60_000);

  it('where the sign-out marker cannot be written, it waits for the other tab’s renewal, says so at once and then why, and ends when that renewal does', async () => {
    const { context, page: first } = await e2e.open();
    // This tab's storage refuses the sign-out marker (a full disk, say): the sign-out then waits for
    // the store's renewal lock, as it always did.
    await first.addInitScript(() => {
      const put = IDBObjectStore.prototype.put;
      IDBObjectStore.prototype.put = function (this: IDBObjectStore, value: unknown, key?: IDBValidKey) {
        if (typeof key === 'string' && key.startsWith('signed-out:')) throw new DOMException('full', 'QuotaExceededError');
        return put.call(this, value, key);
      };
    });
    await first.goto(e2e.env.app.url);
    await connectThroughConsent(first, CODE_STORE);
    await first.getByRole('heading', { name: STORE_NAME, level: 1 }).waitFor();
    await first.goto(`${e2e.env.app.url}#/`);

    const { second, answer } = await renewalHeldInAnotherTab(context);
    try {

      // "At once" (within a second of the press, the other tab's renewal still held) by this tab's
      // own clock, from the click to the button's words: not by when this process hears of them
      // (with the CPU at 1/6 that came after its 1 s, the page in time).
      await watchWindowEvent(first, 'pressed', 'click');
      await watchShown(first, 'signing-out', { selector: 'button', startsWith: 'Signing out…' });
      await first.getByRole('button', { name: `Sign out of ${CODE_STORE}` }).click();
      const button = first.getByRole('button', { name: `Signing out… of ${CODE_STORE}` });
      await button.waitFor();
      expect((await stampOf(first, 'signing-out')) - (await stampOf(first, 'pressed'))).toBeLessThan(1_000);
      expect(await button.getAttribute('aria-disabled')).toBe('true');
      const why = first.getByRole('status').filter({ hasText: `Waiting for another tab to finish renewing ${CODE_STORE}’s access…` });
      await why.waitFor();
      await first.screenshot({ path: `${SCREENSHOT_DIR}/sign-out-waiting-1280.png` });
      await first.setViewportSize({ width: 360, height: 740 });
      await first.screenshot({ path: `${SCREENSHOT_DIR}/sign-out-waiting-360.png` });
    } finally {
      answer();
    }
    // The renewal saves what it obtained and lets go; the sign-out then removes it, and revokes it.
    await first.getByRole('button', { name: `Connect ${CODE_STORE}` }).waitFor({ timeout: 10_000 });
    expect(await first.getByRole('status').filter({ hasText: 'Waiting for another tab' }).count()).toBe(0);
    await expect.poll(() => e2e.env.store.traffic.revocations().slice(-2).sort(), { timeout: 10_000 }).toEqual(['access_token', 'refresh_token']);
    expect(await readSessionKeys(first)).toEqual([]);
    await second.reload();
    await second.getByRole('heading', { name: `${CODE_STORE} is not connected` }).waitFor();
  }, 60_000);
});
