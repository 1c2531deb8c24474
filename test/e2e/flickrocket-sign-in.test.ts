/**
 * Signing in to a FlickRocket store refused, against the faithful local FlickRocket server
 * (platforms.md 3): without CORS on /token the app refuses before consent and spends nothing; in a
 * browser that keeps nothing it refuses before consent, saying why and what to do instead; a callback
 * without state, or with a forged one, opened in another tab is refused there and the tab that began
 * the sign-in still connects; and its consent page fits a phone. The tour of the app: flickrocket-app.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { hasFocus } from '../helpers/screen-audits.ts';
import { readSessionKeys, readVaultKeys } from '../helpers/e2e-app.ts';
import { SCREENSHOT_DIR } from '../helpers/paths.ts';
import { STORE, connectButton, useFlickRocketApp } from '../helpers/flickrocket-app.ts';

const { e2e, env, openHome } = useFlickRocketApp();

describe('FlickRocket in the app', () => {
  it('without CORS on /token: refused before consent in plain words, no code spent, nothing stored', async () => {
    const { app, shop } = await env();
    const page = await openHome(360);
    shop.setCors('none');
    shop.clearRequests();
    try {
      await connectButton(page).click();
      await page.getByText(`Could not start signing in to ${STORE}`).waitFor();
      // what it means and one next step (it gave only why, in the app's terms, and Dismiss)
      await page.getByRole('alert').getByText('FlickRocket could not be reached, or does not let browser apps get tokens from this address, so its consent page was not opened and nothing was connected. Check your connection and connect again; if it keeps happening, this app cannot connect to FlickRocket from this address.').waitFor();
      expect(page.url().startsWith(app.url)).toBe(true);
      expect(shop.requests().some((r) => r.path.startsWith('/oauth2/'))).toBe(false);
      // only the probe reached /token: nothing in its URL, and no refresh token in its form (none spent)
      expect(shop.requests().filter((r) => r.path === '/token').map((r) => r.queryKeys)).toEqual([[]]);
      expect(shop.stats().maxTokenRequestsPerRefreshToken).toBe(0);
      expect(await readVaultKeys(page).then((keys) => keys.filter((k) => !k.startsWith('sealing')))).toEqual([]);
      await page.screenshot({ path: `${SCREENSHOT_DIR}/flickrocket-cors-refused-360.png`, fullPage: true });
    } finally {
      shop.setCors('allow');
    }
  });

  it('in a browser that keeps nothing (a private window): refused before consent, saying why and what to do instead; the focus stays on Connect; at 360 px light and 1280 px dark', async () => {
    const { app, shop } = await env();
    for (const [width, colorScheme] of [[360, 'light'], [1280, 'dark']] as const) {
      const { page } = await e2e.open({ width, colorScheme });
      await page.context().addInitScript({ content: `Object.defineProperty(window, 'indexedDB', { configurable: true, value: undefined });` });
      await page.goto(app.url);
      shop.clearRequests();
      await connectButton(page).click();
      const alert = page.getByRole('alert').filter({ hasText: `Could not start signing in to ${STORE}` });
      await alert.waitFor();
      // what the person can do, not "you will need to reconnect after a reload" (they could not connect at all)
      await alert.getByText(/Open this app in a normal window, or allow this site to store data, then connect\./).waitFor();
      expect(await alert.getByText(/reconnect after a reload/).count()).toBe(0);
      await hasFocus(connectButton(page));
      expect(page.url().startsWith(app.url)).toBe(true);
      expect(shop.requests().some((r) => r.path.startsWith('/oauth2/') || r.path === '/token')).toBe(false);
      await page.screenshot({ path: `${SCREENSHOT_DIR}/flickrocket-not-persistent-${width}.png`, fullPage: true });
      await page.context().close();
    }
  });

  it('a callback without state, or with a forged one, opened in another tab (another site planting a code of its own account): refused there, nothing spent; the tab that began the sign-in still connects', async () => {
    const { app, shop } = await env();
    const page = await openHome();
    await connectButton(page).click();
    await page.getByRole('button', { name: 'Allow', exact: true }).waitFor();
    const planted = shop.issueRefreshToken(['products']);
    const other = await page.context().newPage();
    await other.goto(`${app.url}?code=${planted}&companyid=666`);
    await other.getByRole('heading', { name: 'That sign-in was started in another tab' }).waitFor();
    expect(/code=|companyid=/.test(other.url())).toBe(false);
    expect(shop.tokenRequestsFor(planted)).toBe(0);
    expect(await readSessionKeys(other)).toEqual([]);
    await other.screenshot({ path: `${SCREENSHOT_DIR}/flickrocket-other-tab.png` });
    // with a forged state beside its companyid (security case 2): refused too, and the waiting sign-in not burnt
    await other.goto(`${app.url}?code=${planted}&companyid=666&state=forged-by-another-site`);
    await other.getByRole('heading', { name: 'That sign-in was not started here' }).waitFor();
    await other.screenshot({ path: `${SCREENSHOT_DIR}/flickrocket-forged-state-1280.png` });
    await other.setViewportSize({ width: 360, height: 800 });
    await other.screenshot({ path: `${SCREENSHOT_DIR}/flickrocket-forged-state-360.png`, fullPage: true });
    expect(/code=|companyid=|state=/.test(other.url())).toBe(false);
    expect(shop.tokenRequestsFor(planted)).toBe(0);
    expect(await readSessionKeys(other)).toEqual([]);
    await other.close();
    await page.getByRole('button', { name: 'Allow', exact: true }).click();
    await page.waitForURL((url) => url.href.startsWith(app.url));
    await page.getByRole('heading', { name: STORE, level: 1 }).waitFor();
    expect(await readSessionKeys(page)).toEqual(['session:fr']);
  });

  it('the consent page at 360 px: the card inside the screen, nothing sideways, Deny and Allow a finger tall; at 1280 px as before', async () => {
    for (const width of [360, 1280]) {
      const page = await openHome(width);
      await connectButton(page).click();
      const allow = page.getByRole('button', { name: 'Allow', exact: true });
      await allow.waitFor();
      const fit = await page.evaluate(() => {
        const card = document.querySelector('main')!.getBoundingClientRect();
        const root = document.documentElement;
        return { sideways: root.scrollWidth - root.clientWidth, left: Math.round(card.left), right: Math.round(innerWidth - card.right) };
      });
      expect(fit.sideways).toBe(0);
      expect(fit.left).toBeGreaterThanOrEqual(0);
      expect(fit.right).toBeGreaterThanOrEqual(0);
      for (const button of [allow, page.getByRole('button', { name: 'Deny', exact: true })]) expect((await button.boundingBox())!.height).toBeGreaterThanOrEqual(44);
      await page.screenshot({ path: `${SCREENSHOT_DIR}/flickrocket-consent-${width}.png`, fullPage: true });
    }
  });
});
