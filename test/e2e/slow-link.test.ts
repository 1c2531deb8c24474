/**
 * A slow but working link (a train, rural 3G, a busy hotel Wi-Fi): every request answers, after
 * seconds. Here the app's own files are held in rounds the test releases, one round standing for
 * one round trip of such a link, and what a press must not wait for is checked.
 */
import { describe, expect, it } from 'vitest';
import type { Page, Route } from 'playwright-core';
import { useE2e } from '../helpers/e2e-fixture.ts';
import { STORE_NAME, connectThroughConsent, readSessionKeys } from '../helpers/e2e-app.ts';
import { stampOf, watchShown, watchWindowEvent } from '../helpers/page-stamps.ts';
import { SCREENSHOT_DIR } from '../helpers/paths.ts';

const e2e = useE2e({ app: {} });

/** The name of an app file without its content hash (ask-before-sign-out.js). */
const fileName = (url: string) => new URL(url).pathname.replace(/^.*\/assets\//, '').replace(/-[\w-]{8}\.(js|css)$/, '.$1');

/**
 * The app's files answer at once until `slowDown()`; from then on each (of those `holds` names)
 * waits for the test to release the round it was asked in (`releaseRound`), or for `releaseAll`
 * (which lets later ones through).
 */
async function roundTrips(page: Page, holds: (file: string) => boolean = () => true) {
  let slow = false;
  const waiting: Route[] = [];
  await page.route(`${e2e.env.app.origin}/**/assets/**`, (route) => (slow && holds(fileName(route.request().url())) ? void waiting.push(route) : route.continue()));
  return {
    slowDown: () => void (slow = true),
    asked: () => waiting.map((route) => fileName(route.request().url())),
    async releaseRound(): Promise<void> {
      for (const route of waiting.splice(0)) await route.continue().catch(() => undefined);
    },
    async releaseAll(): Promise<void> {
      slow = false;
      for (const route of waiting.splice(0)) await route.continue().catch(() => undefined);
    },
  };
}

/** A page at `width` signed in to the demo store (its catalogue shown), its files to be held by round (roundTrips). */
async function signedInOnRoundTrips(width: number) {
  const { page } = await e2e.open({ width });
  const link = await roundTrips(page);
  await page.goto(e2e.env.app.url);
  await connectThroughConsent(page, STORE_NAME);
  await page.getByRole('heading', { name: STORE_NAME, level: 1 }).waitFor();
  return { page, link };
}

describe('on a slow link', () => {
  it.each([360, 1280])('a first visit (%i px) says it is loading while the app’s code comes, not a blank page for seconds', async (width) => {
    const { page } = await e2e.open({ width });
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    await page.route(/\/assets\/index-[\w-]{8}\.js$/, async (route) => {
      await released;
      await route.continue().catch(() => undefined);
    });
    try {
      await page.goto(e2e.env.app.url, { waitUntil: 'commit' });
      // Within a few seconds (the words come after one): before, nothing showed for six.
      await expect.poll(() => page.locator('#app').innerText(), { timeout: 4_000 }).toBe('Storefront Connect is loading…');
      await page.screenshot({ path: `${SCREENSHOT_DIR}/slow-link-first-visit-${width}.png` });
      release();
      await page.getByRole('heading', { name: 'Your stores' }).waitFor();
      expect(await page.locator('.boot-static').count()).toBe(0);
    } finally {
      release();
    }
  });

  it.each([360, 1280])('Sign out says so at the press (%i px), and the session is removed one round trip later, not two', async (width) => {
    const { page, link } = await signedInOnRoundTrips(width);
    try {
      await page.locator('article.card').first().waitFor();

      link.slowDown();
      await watchWindowEvent(page, 'pressed', 'click');
      await watchShown(page, 'signing-out', { selector: 'header button', startsWith: 'Signing out…' });
      await page.getByRole('banner').getByRole('button', { name: /^Sign out/ }).click();
      // At the press, before any of its code has come: the button says what it is doing. Within 2 s
      // of the click by the page's own clock, not by when this process hears of the words.
      await page.getByRole('banner').getByRole('button', { name: /^Signing out…/ }).waitFor();
      expect((await stampOf(page, 'signing-out')) - (await stampOf(page, 'pressed'))).toBeLessThan(2_000);
      await page.screenshot({ path: `${SCREENSHOT_DIR}/slow-link-signing-out-${width}.png` });
      // What the press needs is asked for at once: the question's module, the snippet check, the drafts'
      // count and the adds to the cart under way together.
      await expect.poll(() => link.asked(), { timeout: 5_000 }).toEqual(expect.arrayContaining(['ask-before-sign-out.js', 'copied-snippet.js', 'product-draft.js', 'cart-adds.js']));
      await link.releaseRound();
      // One round trip: the session is gone from this browser, with no second round of files.
      await expect.poll(() => readSessionKeys(page), { timeout: 5_000 }).toEqual([]);

      await link.releaseAll();
      await page.getByRole('button', { name: `Connect ${STORE_NAME}`, exact: true }).waitFor({ timeout: 10_000 });
      expect(e2e.env.store.stats().revocations).toBeGreaterThan(0);
    } finally {
      await link.releaseAll();
    }
  });

  it.each([360, 1280])('the stores list’s Sign out says so at the press too (%i px), takes no second press, and says Sign out again behind the question and once it is cancelled', async (width) => {
    const { page, link } = await signedInOnRoundTrips(width);
    try {
      // A snippet copied with this sign-in's token: its sign-out asks first (sign-out-snippet.test.ts).
      await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: e2e.env.app.origin });
      await page.goto(`${e2e.env.app.url}#/s/demo/embed`);
      await page.getByRole('button', { name: 'Copy snippet' }).click();
      await page.getByRole('status').filter({ hasText: 'Snippet copied.' }).waitFor();
      await page.goto(`${e2e.env.app.url}#/`);
      const signOut = page.getByRole('button', { name: `Sign out of ${STORE_NAME}`, exact: true });
      await signOut.waitFor();
      // The card's button, whatever it says (behind the question, where the page is inert, too).
      const button = page.locator('li.store button').filter({ hasText: new RegExp(`^Sign(ing)? out(…)? of ${STORE_NAME}$`) });

      link.slowDown();
      await watchWindowEvent(page, 'pressed', 'click');
      await watchShown(page, 'signing-out', { selector: 'li.store button', startsWith: 'Signing out…' });
      await signOut.click();
      // At the press, before any of its code has come (held until released below), by the page's own clock.
      const saying = page.getByRole('button', { name: `Signing out… of ${STORE_NAME}`, exact: true });
      await saying.waitFor();
      expect((await stampOf(page, 'signing-out')) - (await stampOf(page, 'pressed'))).toBeLessThan(2_000);
      expect(await saying.getAttribute('aria-disabled')).toBe('true');
      await expect.poll(() => link.asked(), { timeout: 5_000 }).toContain('ask-before-sign-out.js');
      await page.screenshot({ path: `${SCREENSHOT_DIR}/slow-link-stores-list-signing-out-${width}.png` });
      // Pressed again meanwhile (aria-disabled, which Playwright would wait out): the words stay, and one question comes.
      await saying.click({ force: true });
      expect(await button.innerText()).toMatch(/^Signing out…/);

      await link.releaseAll();
      const question = page.getByRole('alertdialog', { name: `Sign out of ${STORE_NAME}?` });
      await question.waitFor({ timeout: 10_000 });
      // Behind the question: Sign out, pressable again once it is answered.
      expect(await button.innerText()).toMatch(/^Sign out\b/);
      await question.getByRole('button', { name: 'Cancel' }).click();
      await question.waitFor({ state: 'detached' });
      await signOut.waitFor();
      expect(await signOut.getAttribute('aria-disabled')).toBe('false');
      expect(await page.getByRole('alertdialog').count()).toBe(0);
      expect(await readSessionKeys(page)).toEqual(['session:demo']);

      // Signed out after all: the words again at the press, until it is done.
      await signOut.click();
      await question.getByRole('button', { name: 'Sign out anyway' }).click();
      await page.getByRole('button', { name: `Connect ${STORE_NAME}`, exact: true }).waitFor({ timeout: 10_000 });
      expect(await readSessionKeys(page)).toEqual([]);
    } finally {
      await link.releaseAll();
    }
  });

  it('Connect (code + PKCE): the code flow’s modules are asked for with the redirect flows’ module, not each a round trip after the other', async () => {
    const { page } = await e2e.open();
    // Held: the three modules a code flow's start needs beyond the AuthService; everything else answers at once.
    const FLOW = ['redirect-flows.js', 'code-flow.js', 'oidc-state-store.js'];
    const link = await roundTrips(page, (file) => FLOW.includes(file));
    try {
      await page.goto(e2e.env.app.url);
      const connect = page.getByRole('button', { name: `Connect ${STORE_NAME} (PKCE)`, exact: true });
      await connect.waitFor();
      link.slowDown();
      await connect.click();
      // All three asked for while none has answered: one round trip (before, each was asked for only
      // once the one before it had come, three in a row before the store's page).
      await expect.poll(() => FLOW.filter((file) => !link.asked().includes(file)), { timeout: 5_000 }).toEqual([]);
      await link.releaseAll();
      await page.waitForURL((url) => url.pathname.startsWith('/oauth2/'), { timeout: 10_000 });
    } finally {
      await link.releaseAll();
    }
  });
});
