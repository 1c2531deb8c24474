/**
 * Sign out asks first where a snippet the merchant copied from the Embed screen carries this
 * sign-in's own token (signing out revokes it, and the pages that publish it go dark): from the
 * store bar and from the stores list, with the keyboard (the focus in the question and back,
 * Escape), Cancel, Sign out anyway, and the way to the Embed screen. A store with no such snippet
 * signs out at once, as before. Screenshots of the question at 360 and 1280 px.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axeAudit } from '../helpers/axe.ts';
import { useE2e } from '../helpers/e2e-fixture.ts';
import { STORE_NAME, connectThroughConsent, readAllIndexedDb, readSessionKeys, readVaultKeys } from '../helpers/e2e-app.ts';
import { SCREENSHOT_DIR } from '../helpers/paths.ts';

const e2e = useE2e({ app: {} });
const CODE_STORE = `${STORE_NAME} (PKCE)`;

async function openEmbed(page: Page): Promise<string> {
  await page.goto(`${e2e.env.app.url}#/s/demo/embed`);
  const box = page.getByRole('textbox', { name: 'Snippet' });
  await box.waitFor();
  const snippet = await box.inputValue();
  const token = /token="([^"]+)"/.exec(snippet)?.[1];
  if (!token) throw new Error('the snippet carries no token');
  // The sign-in's own token: the note says it ends with the sign-in.
  await page.getByText(/once you sign out of\s+Goodsie Demo Store here, pages that publish this snippet stop showing products/).waitFor();
  return token;
}

/** The marker is there (and holds no token), or gone. */
async function expectMarker(page: Page, there: boolean, token: string): Promise<void> {
  await expect.poll(async () => (await readVaultKeys(page)).includes('copied-snippet:demo')).toBe(there);
  expect((await readAllIndexedDb(page)).includes(token)).toBe(false);
}

async function question(page: Page, width: number, where: string) {
  const dialog = page.getByRole('alertdialog', { name: `Sign out of ${STORE_NAME}?` });
  await dialog.waitFor();
  await expect.poll(() => dialog.getByRole('button', { name: 'Cancel' }).evaluate((button) => button === document.activeElement)).toBe(true);
  const words = (await dialog.innerText()).replace(/\s+/g, ' ');
  expect(words).toContain('web pages where you put that snippet stop showing your products');
  await page.evaluate(() => document.fonts.ready);
  // In both themes: a screenshot to look at, and an axe audit (contrast in the dialog and its backdrop).
  for (const colorScheme of ['dark', 'light'] as const) {
    await page.emulateMedia({ colorScheme });
    await page.screenshot({ path: join(SCREENSHOT_DIR, `sign-out-question-${where}-${width}${colorScheme === 'dark' ? '-dark' : ''}.png`) });
    const serious = (await axeAudit(page)).violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
    expect(serious, colorScheme).toEqual([]);
  }
  return dialog;
}

describe('Sign out with a copied snippet that carries the sign-in’s token', () => {
  it('from the store bar: asks first; Escape and Cancel keep the session and give the focus back; Sign out anyway signs out', async () => {
    const { page } = await e2e.open({ width: 1280, height: 800 });
    await page.goto(e2e.env.app.url);
    await connectThroughConsent(page, STORE_NAME);
    await page.getByRole('heading', { name: STORE_NAME, level: 1 }).waitFor();
    const token = await openEmbed(page);
    await expectMarker(page, false, token);
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: e2e.env.app.origin });
    await page.getByRole('button', { name: 'Copy snippet' }).click();
    await page.getByRole('status').filter({ hasText: 'Snippet copied.' }).waitFor();
    await expectMarker(page, true, token);

    // On the Embed screen itself the question points at the separate access there.
    const signOut = page.getByRole('button', { name: `Sign out of ${STORE_NAME}`, exact: true });
    await signOut.click();
    const here = await question(page, 1280, 'embed');
    expect(await here.getByRole('link').count()).toBe(0);
    await page.keyboard.press('Escape');
    await here.waitFor({ state: 'detached' });
    await expect.poll(() => signOut.evaluate((button) => button === document.activeElement)).toBe(true);

    // From the catalogue: with the way to the Embed screen.
    await page.getByRole('link', { name: 'Catalogue' }).click();
    await page.getByRole('heading', { name: STORE_NAME, level: 1 }).waitFor();
    await signOut.click();
    const asked = await question(page, 1280, 'store-bar');
    // Behind the question the button says Sign out, not "Signing out…" as from the press until the question came.
    expect(await page.locator('header .store-bar button').innerText()).toMatch(/^Sign out\b/);
    expect(await asked.getByRole('link', { name: 'Switch the snippet to a separate access' }).getAttribute('href')).toBe('#/s/demo/embed');
    // Tab stays in the question (the page behind is inert).
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Sign out anyway');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Enter'); // Cancel
    await asked.waitFor({ state: 'detached' });
    await expect.poll(() => signOut.evaluate((button) => button === document.activeElement)).toBe(true);
    expect(await readSessionKeys(page)).toEqual(['session:demo']);
    await page.getByRole('heading', { name: STORE_NAME, level: 1 }).waitFor();

    await signOut.click();
    await (await question(page, 1280, 'store-bar')).getByRole('button', { name: 'Sign out anyway' }).click();
    await page.getByRole('heading', { name: 'Your stores' }).waitFor();
    await page.getByRole('status').filter({ hasText: `Signed out of ${STORE_NAME}.` }).waitFor();
    expect(await readSessionKeys(page)).toEqual([]);
    await expectMarker(page, false, token);
    // The pasted snippet's token was revoked with the sign-in: what the question warned of.
    const answer = await page.request.get(`${e2e.env.store.origin}/api/v1/products?per_page=1`, { headers: { Authorization: `Bearer ${token}` } });
    expect(answer.status()).toBe(401);

    // Connected again: the new sign-in's Sign out asks nothing.
    await connectThroughConsent(page, STORE_NAME);
    await page.getByRole('heading', { name: STORE_NAME, level: 1 }).waitFor();
    await signOut.click();
    await page.getByRole('heading', { name: 'Your stores' }).waitFor();
    expect(await page.getByRole('alertdialog').count()).toBe(0);
  });

  it('from the stores list on a phone: the snippet copied from its box asks first; a store with no copied snippet signs out at once', async () => {
    const { page } = await e2e.open({ width: 360, height: 740 });
    await page.goto(e2e.env.app.url);
    await connectThroughConsent(page, STORE_NAME);
    await page.getByRole('heading', { name: STORE_NAME, level: 1 }).waitFor();
    const token = await openEmbed(page);
    // Copied with the keys, from the box (no clipboard permission: the copy is the browser's own).
    await page.getByRole('textbox', { name: 'Snippet' }).focus();
    await page.keyboard.press('Control+a');
    await page.keyboard.press('Control+c');
    await expectMarker(page, true, token);

    await page.goto(e2e.env.app.url);
    await connectThroughConsent(page, CODE_STORE);
    // Its catalogue (headed with the name the demo store gives itself, the same for both entries).
    await page.waitForURL(/#\/s\/demo-code$/);
    await page.getByRole('link', { name: 'Catalogue' }).waitFor();
    await page.goto(e2e.env.app.url);
    await page.getByRole('heading', { name: 'Your stores' }).waitFor();

    // No snippet copied for this one: signed out at once.
    await page.getByRole('button', { name: `Sign out of ${CODE_STORE}` }).click();
    await page.getByRole('status').filter({ hasText: `Signed out of ${CODE_STORE}.` }).waitFor();
    expect(await page.getByRole('alertdialog').count()).toBe(0);
    expect(await readSessionKeys(page)).toEqual(['session:demo']);

    const signOut = page.getByRole('button', { name: `Sign out of ${STORE_NAME}`, exact: true });
    await signOut.click();
    await (await question(page, 360, 'stores-list')).getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => signOut.evaluate((button) => button === document.activeElement)).toBe(true);
    expect(await readSessionKeys(page)).toEqual(['session:demo']);

    // The way to switch the snippet first: the Embed screen, still signed in.
    await signOut.click();
    await (await question(page, 360, 'stores-list')).getByRole('link', { name: 'Switch the snippet to a separate access' }).click();
    await page.getByRole('heading', { name: `Embed products of ${STORE_NAME}` }).waitFor();
    await page.getByRole('button', { name: 'Use a separate access instead' }).waitFor();
    expect(await page.getByRole('alertdialog').count()).toBe(0);

    await page.goto(e2e.env.app.url);
    await signOut.click();
    await (await question(page, 360, 'stores-list')).getByRole('button', { name: 'Sign out anyway' }).click();
    await page.getByRole('status').filter({ hasText: `Signed out of ${STORE_NAME}.` }).waitFor();
    await expect.poll(() => page.getByRole('button', { name: `Connect ${STORE_NAME}`, exact: true }).evaluate((button) => button === document.activeElement)).toBe(true);
    expect(await readSessionKeys(page)).toEqual([]);
    await expectMarker(page, false, token);
  });
});
