/**
 * A StoreHippo access key's life in the built app, against the faithful local StoreHippo server
 * (platforms.md 2): a key whose role is changed at the store (Check again on the locked Orders), a
 * key whose role can no longer read products (the catalogue says so in StoreHippo's words), Use
 * another key there, a key the store has since disabled or refuses on use (said, and when; only why
 * is kept), a wrong key, CORS without `access-key` and a lasting 429 each said in their own words and
 * nothing stored, a bearer token in the token mode; and Forget asks first, from the stores list and
 * the store bar: Cancel and Escape keep the key, Forget key forgets it (screenshots of the
 * question, 360 and 1280 px). The tour of the app: storehippo-app.test.ts.
 */
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { axeAudit } from '../helpers/axe.ts';
import { hasFocus } from '../helpers/screen-audits.ts';
import { loadedProducts, productCards } from '../helpers/catalog-grid.ts';
import { forgetCredentials, readAllIndexedDb, readOtherStorage, readSealedRecord, readSessionKeys, readVaultKeys } from '../helpers/e2e-app.ts';
import { SCREENSHOT_DIR } from '../helpers/paths.ts';
import { HIPPO_NAME as NAME, HIPPO_SECRETS as SECRETS, browseThenRefuseKey, hash, pasteKey, useHippoApp } from '../helpers/storehippo-app.ts';
import { DEMO_KEYS } from '../platforms/storehippo/seed.ts';

const { startEnv, openHome } = useHippoApp();
const cards = productCards;

describe('StoreHippo in the app', () => {
  it('a key whose role is changed at the store: Check again on the locked Orders says when nothing changed, then unlocks them in place, the key kept', async () => {
    const env = await startEnv();
    const { page } = await openHome(env);
    await pasteKey(page, DEMO_KEYS.readOnly);
    await page.getByText('Connected · can browse products; not allowed to see orders or coupons, or to edit products').waitFor();
    await page.goto(`${env.app.url}#/s/hippo/orders`);
    const locked = page.getByRole('note').filter({ hasText: 'Seeing the store’s orders is not allowed' });
    await locked.getByText(/Give the key’s user a role that allows it in StoreHippo Admin › Users\. Then check again, or use another key\./).waitFor();
    // nothing changed at the store yet: said so, still locked
    await locked.getByRole('button', { name: 'Check again' }).click();
    await locked.getByRole('status').filter({ hasText: `Checked: ${NAME} still does not allow it.` }).waitFor();
    await page.screenshot({ path: `${SCREENSHOT_DIR}/storehippo-orders-check-again.png`, fullPage: true });
    // the key's user is given the manager role in StoreHippo Admin › Users
    env.hippo.setKeyRole(DEMO_KEYS.readOnly, 'manager');
    await locked.getByRole('button', { name: 'Check again' }).click();
    await page.getByRole('table').waitFor();
    expect(hash(page)).toBe('#/s/hippo/orders');
    // the button went with the lock: the focus on the screen's heading, above the orders, not the body
    await hasFocus(page.getByRole('heading', { name: 'Orders', level: 1 }));
    await page.goto(`${env.app.url}#/s/hippo/coupons`);
    await page.getByRole('heading', { name: 'Coupons' }).waitFor();
    expect(await page.getByText(/is not allowed/).count()).toBe(0);
    // a coupon whose start_date is ahead is not among the live ones: apart, its start said
    expect(await page.getByRole('list', { name: 'Not started yet' }).getByRole('listitem').innerText()).toMatch(/^NEWYEAR15[\s\S]*15% off\s+Starts [^·\n]*2099 · Expires [^·\n]*2099$/);
    expect(await page.locator('ul.coupons').first().locator('code').getByText('WELCOME10', { exact: true }).count()).toBe(1);
    // kept: a reload reads what the store allows from the vault, the same key
    await page.reload();
    await page.getByRole('heading', { name: 'Coupons' }).waitFor();
    expect(await page.getByText(/is not allowed/).count()).toBe(0);
    await page.goto(env.app.url);
    await page.getByText('Connected · can browse products, see orders and coupons, and edit products').waitFor();
  });

  it('a key whose role can no longer read products: the catalogue says so in StoreHippo’s words, with what to change, not only “More access needed”', async () => {
    const env = await startEnv();
    const { page } = await openHome(env);
    await pasteKey(page, DEMO_KEYS.readOnly);
    await page.getByText('Connected · can browse products; not allowed to see orders or coupons, or to edit products').waitFor();
    await page.goto(`${env.app.url}#/s/hippo`);
    await expect.poll(() => cards(page).count()).toBeGreaterThan(0);
    // the key's user is moved to a role that reads orders only
    env.hippo.setKeyRole(DEMO_KEYS.readOnly, 'orders-only');
    await page.reload();
    const panel = page.getByRole('alert').filter({ hasText: 'More access needed' });
    await panel.getByText('StoreHippo: this key’s role cannot read products. Give the key’s user a role that allows it in StoreHippo Admin › Users, or paste a key of such a user.').waitFor();
    expect(await cards(page).count()).toBe(0);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/storehippo-catalogue-refused.png`, fullPage: true });
  });

  it('Use another key on the locked Orders: a wrong key is refused, said once, the read-only one kept; the manager key replaces it and Orders unlock in place', async () => {
    const env = await startEnv();
    const { page, lines } = await openHome(env, 360);
    await pasteKey(page, DEMO_KEYS.readOnly);
    await page.getByText('Connected · can browse products; not allowed to see orders or coupons, or to edit products').waitFor();
    await page.goto(`${env.app.url}#/s/hippo/orders`);
    const locked = page.getByRole('note').filter({ hasText: 'Seeing the store’s orders is not allowed' });
    const another = locked.getByRole('button', { name: 'Use another key' });
    await another.click();
    // the stores list's form, in place: the current mode chosen, the focus in its key field
    const key = locked.getByRole('textbox', { name: 'Access key', exact: true });
    await hasFocus(key);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/storehippo-orders-another-key-360.png`, fullPage: true });

    // the same read-only key again: it connects (the screen drawn afresh), the lock comes back and says
    // so, the focus on the new panel's Use another key, not the page's body
    await key.fill(DEMO_KEYS.readOnly);
    await locked.getByRole('button', { name: `Connect ${NAME} with the access key` }).click();
    await locked.getByRole('status').filter({ hasText: `Connected with the new key: ${NAME} still does not allow it.` }).waitFor();
    await hasFocus(another);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/storehippo-orders-same-key-360.png`, fullPage: true });
    await another.click();
    await hasFocus(key);

    // a key the store does not know: said once, why; the read-only connection goes on working
    await key.fill('0000000000000000000000000000dead');
    await locked.getByRole('button', { name: `Connect ${NAME} with the access key` }).click();
    await locked.getByRole('alert').filter({ hasText: /^StoreHippo did not accept this access key\. It is wrong, disabled or deleted\.$/ }).waitFor();
    expect(await page.getByRole('table').count()).toBe(0);
    await locked.getByRole('button', { name: 'Check again' }).click();
    await locked.getByRole('status').filter({ hasText: `Checked: ${NAME} still does not allow it.` }).waitFor();

    // the manager's key: it replaces the read-only one, and Orders unlock here
    await key.fill(DEMO_KEYS.manager);
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: `${SCREENSHOT_DIR}/storehippo-orders-another-key-1280.png`, fullPage: true });
    await locked.getByRole('button', { name: `Connect ${NAME} with the access key` }).click();
    await page.getByRole('table').waitFor();
    expect(hash(page)).toBe('#/s/hippo/orders');
    await hasFocus(page.getByRole('heading', { name: 'Orders', level: 1 }));
    // no warning from Svelte on the way (a panel reading its state after it was taken down)
    expect(lines.filter((line) => line.includes('svelte.dev/e/'))).toEqual([]);
    const ordersRead = env.hippo.requests().filter((r) => r.listener === 'api' && r.path.endsWith('/ms.orders'));
    expect(ordersRead.at(-1)?.headers['access-key']).toBe(DEMO_KEYS.manager);
    // saved: one connection, the new key's, after a reload too
    expect(await readSessionKeys(page)).toEqual(['session:hippo']);
    await page.reload();
    await page.getByRole('table').waitFor();
    await page.goto(env.app.url);
    await page.getByText('Connected · can browse products, see orders and coupons, and edit products').waitFor();
    const other = await readOtherStorage(page);
    for (const secret of SECRETS) {
      expect(other.includes(secret)).toBe(false);
      expect(lines.join('\n').includes(secret)).toBe(false);
    }
  });

  it('Check again with a key the store has since disabled: the banner asks for the key again, not a locked screen that still looks connected', async () => {
    const env = await startEnv();
    const { page } = await openHome(env);
    await pasteKey(page, DEMO_KEYS.readOnly);
    await page.getByText(/^Connected · /).waitFor();
    await page.goto(`${env.app.url}#/s/hippo/orders`);
    const locked = page.getByRole('note').filter({ hasText: 'Seeing the store’s orders is not allowed' });
    env.hippo.disableKey(DEMO_KEYS.readOnly);
    try {
      await locked.getByRole('button', { name: 'Check again' }).click();
      await page.getByText(/no longer accepts the saved key/).waitFor();
      expect(await readSessionKeys(page)).toEqual([]);
    } finally {
      env.hippo.enableKey(DEMO_KEYS.readOnly);
    }
  });

  it('a key the store refuses on use: after a reload the stores list and the store’s screen say it was refused and when; IndexedDB keeps only why (no key); a new key clears it', async () => {
    const env = await startEnv();
    const { page } = await openHome(env, 360);
    try {
      await browseThenRefuseKey(page, env, DEMO_KEYS.readOnly);
      const banner = page.getByRole('alert').filter({ hasText: `${NAME} no longer accepts the saved key` });
      // Regression: it said the key "expired"; StoreHippo keys have no lifetime (platforms.md 2.2), a
      // refused one was disabled or deleted: said as known, with what to do.
      const said = (await banner.innerText()).replace(/\s+/g, ' ');
      expect(said).toContain(`${NAME} no longer accepts the saved key: it may have been disabled or deleted at the store. Paste a key the store accepts to carry on right here; this page and anything you were editing are kept.`);
      expect(said).not.toMatch(/expired|credentials/);
      const size = page.viewportSize() ?? { width: 360, height: 800 };
      for (const width of [360, 1280]) {
        await page.setViewportSize({ width, height: size.height });
        await page.screenshot({ path: `${SCREENSHOT_DIR}/storehippo-key-refused-banner-${width}.png` });
      }
      await page.setViewportSize(size);

      // A reload: the stores list says why and when, not only "Not connected"
      await page.goto(env.app.url);
      await page.reload();
      const status = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: NAME, level: 2 }) }).locator('p.status');
      await status.filter({ hasText: /^Key refused on \w{3} \d{1,2}, \d{4} at \d{1,2}:\d{2}\s?[AP]M · paste a new key to connect again$/ }).waitFor();
      // IndexedDB: no credential, only the marker of why (reason, time, mode), and the key nowhere
      expect(await readSessionKeys(page)).toEqual([]);
      expect((await readVaultKeys(page)).filter((k) => k.includes('hippo'))).toEqual(['ended:hippo']);
      const marker = await readSealedRecord(page, 'ended:hippo');
      expect(marker).toEqual({ v: 1, at: expect.any(Number), reason: 'refused', mode: 'access-key' });
      expect(Math.abs((marker as { at: number }).at - Date.now())).toBeLessThan(120_000);
      const stored = (await readAllIndexedDb(page)) + (await readOtherStorage(page));
      for (const secret of SECRETS) expect(stored.includes(secret)).toBe(false);
      for (const [width, scheme] of [[360, 'light'], [360, 'dark'], [1280, 'light'], [1280, 'dark']] as const) {
        await page.setViewportSize({ width, height: 800 });
        await page.emulateMedia({ colorScheme: scheme });
        await page.screenshot({ path: `${SCREENSHOT_DIR}/storehippo-refused-list-${width}-${scheme}.png`, fullPage: true });
      }

      // The store's screen: who refused what and when, and the form to paste a new key
      await page.goto(`${env.app.url}#/s/hippo`);
      await page.getByRole('heading', { name: `${NAME} is not connected`, level: 1 }).waitFor();
      await page.getByText(/^Hippo Demo refused its access key on .+ at .+, so this browser removed it\. Paste a new access key to connect again\.$/).waitFor();
      for (const [width, scheme] of [[360, 'light'], [360, 'dark'], [1280, 'light'], [1280, 'dark']] as const) {
        await page.setViewportSize({ width, height: 800 });
        await page.emulateMedia({ colorScheme: scheme });
        await page.screenshot({ path: `${SCREENSHOT_DIR}/storehippo-refused-screen-${width}-${scheme}.png`, fullPage: true });
      }
      await page.emulateMedia({ colorScheme: 'light' });

      // A new key, pasted there: connected, and the marker gone (a reload says Connected)
      env.hippo.enableKey(DEMO_KEYS.readOnly);
      await pasteKey(page, DEMO_KEYS.readOnly);
      await expect.poll(() => loadedProducts(page)).toBeGreaterThanOrEqual(24);
      await expect.poll(async () => (await readVaultKeys(page)).filter((k) => k.includes('hippo'))).toEqual(['session:hippo']);
      await page.goto(env.app.url);
      await page.reload();
      await status.filter({ hasText: /^Connected · / }).waitFor();
    } finally {
      env.hippo.enableKey(DEMO_KEYS.readOnly);
    }
  });

  it('a wrong key, CORS without access-key and a lasting 429 each say their own thing and store nothing; Forget removes the key; a bearer token connects', async () => {
    const env = await startEnv();
    const { page } = await openHome(env);
    await pasteKey(page, DEMO_KEYS.disabled);
    await page.getByRole('alert').filter({ hasText: 'StoreHippo did not accept this access key. It is wrong, disabled or deleted.' }).waitFor();
    const keyField = page.getByRole('textbox', { name: 'Access key', exact: true });
    expect(await keyField.inputValue()).toBe('');
    // the button was disabled while the key was checked: the focus is back in the emptied field, not lost
    await hasFocus(keyField);
    // and the field is marked refused, described by the failure (read as the focus arrives there)
    expect(await keyField.getAttribute('aria-invalid')).toBe('true');
    const description = () => keyField.evaluate((field) => (field.getAttribute('aria-describedby') ?? '').split(' ').map((id) => document.getElementById(id)?.textContent?.trim()).join(' '));
    expect(await description()).toMatch(/^StoreHippo did not accept this access key\. It is wrong, disabled or deleted\./);
    expect(await readSessionKeys(page)).toEqual([]);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/storehippo-wrong-key-1280.png`, fullPage: true });

    env.hippo.setCors('no-access-key');
    await pasteKey(page, DEMO_KEYS.manager);
    await page.getByRole('alert').filter({ hasText: 'Nothing was connected, and what you entered is kept. The store may be down for a moment, or the connection dropped: try again shortly; if it keeps happening, the store is not set up to answer this app’s address (CORS).' }).waitFor();
    expect(await page.getByText(/did not accept/).count()).toBe(0);
    // the store never judged it: the key is still there to send again (it was emptied)
    expect(await keyField.inputValue()).toBe(DEMO_KEYS.manager);
    // no fault of the key's: the field is not marked (typing it in had cleared the mark anyway)
    expect(await keyField.getAttribute('aria-invalid')).toBeNull();
    expect(await description()).not.toMatch(/CORS/);
    expect(await readSessionKeys(page)).toEqual([]);
    env.hippo.setCors('on');

    // a 429 that outlasts the retries: another client keeps the key's allowance spent (bounded: 400 × 25 ms)
    env.hippo.setRateLimit(1);
    let spending = true;
    const spender = (async () => {
      for (let i = 0; i < 400 && spending; i++) {
        await fetch(`${env.hippo.origin}/api/1.1/entity/ms.products?limit=1`, { headers: { 'access-key': DEMO_KEYS.readOnly } });
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    })();
    try {
      await pasteKey(page, DEMO_KEYS.readOnly);
      await page.getByRole('alert').filter({ hasText: /StoreHippo is slowing down/ }).waitFor({ timeout: 15_000 });
    } finally {
      spending = false;
      await spender;
      env.hippo.setRateLimit(null);
    }
    // the store turned the attempt away unjudged and the words say to try again: the key is kept for it
    await page.getByRole('alert').filter({ hasText: 'what you entered is kept' }).waitFor();
    expect(await keyField.inputValue()).toBe(DEMO_KEYS.readOnly);
    expect(await keyField.getAttribute('aria-invalid')).toBeNull();
    expect(await readSessionKeys(page)).toEqual([]);

    // connects now; Forget removes the record from IndexedDB
    await pasteKey(page, DEMO_KEYS.readOnly);
    await page.getByText(/^Connected · /).waitFor();
    // the form gone, its focus is on the store's Browse link
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent?.trim())).toBe(`Browse ${NAME}`);
    expect((await readVaultKeys(page)).filter((k) => k.includes('hippo'))).toEqual(['session:hippo']);
    await forgetCredentials(page, NAME);
    await page.getByRole('status').filter({ hasText: /forgot the credentials for/ }).waitFor();
    // the pressed button went with the connection: the focus is in the form shown again, in the key's
    // field (not the mode's radio of the same name)
    await hasFocus(page.getByRole('textbox', { name: 'Access key', exact: true }));
    // only the sign-out marker stays (a date, no secret: a renewal in another tab checks it)
    expect((await readVaultKeys(page)).filter((k) => k.includes('hippo'))).toEqual(['signed-out:hippo']);

    // the token mode: a bearer token minted elsewhere goes alone in Authorization, no access-key header
    await page.getByRole('radio', { name: 'Access token' }).check();
    await page.getByRole('textbox', { name: 'Access token', exact: true }).fill(DEMO_KEYS.managerBearer);
    await page.getByRole('button', { name: `Connect ${NAME} with the access token` }).click();
    await page.getByText('Connected · can browse products, see orders and coupons, and edit products').waitFor();
    const bearer = env.hippo.requests().filter((r) => r.headers.authorization === `Bearer ${DEMO_KEYS.managerBearer}`);
    expect(bearer.length).toBeGreaterThanOrEqual(3);
    expect(bearer.every((r) => r.headers['access-key'] === undefined)).toBe(true);
  }, 60_000);
});

/** The question asked before forgetting: Cancel focused, the words, a screenshot to look at, an axe audit. */
async function lookAtQuestion(page: Page, question: Locator, name: string): Promise<void> {
  await question.waitFor();
  await hasFocus(question.getByRole('button', { name: 'Cancel' }));
  const words = (await question.innerText()).replace(/\s+/g, ' ');
  expect(words).toContain(`This browser will no longer be connected to ${NAME}.`);
  expect(words).toContain('To connect again, you will need to paste the key again.');
  expect(words).toContain('it keeps working until you revoke it at the store.');
  expect(words).toContain('Where to revoke it: StoreHippo Admin › Advance Settings › Access Keys');
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/forget-question-${name}.png` });
  const serious = (await axeAudit(page)).violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
  expect(serious).toEqual([]);
}

describe('Forget key asks first, in the words of the button', () => {
  it('from the stores list and from the store bar: “Forget the key for …?” (not “the credentials”), Cancel and Escape keep the key (the focus back on Forget), Forget key forgets it; at 360 and 1280 px', async () => {
    const env = await startEnv();
    const { page } = await openHome(env, 360);
    const connected = page.getByText(/^Connected · /);
    await pasteKey(page, DEMO_KEYS.readOnly);
    await connected.waitFor();
    const question = page.getByRole('alertdialog', { name: `Forget the key for ${NAME}?` });

    // the stores list at 360 px: Cancel keeps the connection
    const onList = page.getByRole('button', { name: `Forget key of ${NAME}` });
    await onList.click();
    await lookAtQuestion(page, question, 'list-360');
    // one name for one thing: the question and its answer say what the button said
    expect((await question.innerText()).includes('credentials')).toBe(false);
    await question.getByRole('button', { name: 'Cancel' }).click();
    await question.waitFor({ state: 'detached' });
    await hasFocus(onList);
    await connected.waitFor();
    expect(await readSessionKeys(page)).toEqual(['session:hippo']);

    // the store bar ("Forget" on a phone): Escape is Cancel
    await page.getByRole('link', { name: `Browse ${NAME}` }).click();
    await page.getByRole('heading', { name: NAME, level: 1 }).waitFor();
    const inBar = page.getByRole('banner').getByRole('button', { name: `Forget key for ${NAME}`, exact: true });
    await inBar.click();
    await lookAtQuestion(page, question, 'store-bar-360');
    await page.keyboard.press('Escape');
    await question.waitFor({ state: 'detached' });
    await hasFocus(inBar);
    expect(await readSessionKeys(page)).toEqual(['session:hippo']);

    // at 1280 px, from the store bar: Forget key forgets the key
    await page.setViewportSize({ width: 1280, height: 800 });
    await inBar.click();
    await lookAtQuestion(page, question, 'store-bar-1280');
    await question.getByRole('button', { name: 'Forget key', exact: true }).click();
    await page.getByRole('status').filter({ hasText: /forgot the credentials for/ }).waitFor();
    expect(await page.getByRole('alertdialog').count()).toBe(0);
    expect(await readSessionKeys(page)).toEqual([]);

    // and from the stores list
    await pasteKey(page, DEMO_KEYS.readOnly);
    await connected.waitFor();
    await onList.click();
    await lookAtQuestion(page, question, 'list-1280');
    await question.getByRole('button', { name: 'Forget key', exact: true }).click();
    await page.getByRole('status').filter({ hasText: /forgot the credentials for/ }).waitFor();
    expect(await readSessionKeys(page)).toEqual([]);
    expect((await readVaultKeys(page)).filter((k) => k.includes('hippo'))).toEqual(['signed-out:hippo']);
  });
});

// Regression: while the store refused the pasted key, the store bar had no Forget, so a person who
// wanted to drop the refused key (deleted on purpose at the store) could not.
describe('Forget while the store refuses the key', () => {
  it('the store bar keeps Forget key beside the banner; its question says the key is refused already; Forget key leaves nothing of it, not even the marker of why; at 360 and 1280 px', async () => {
    const env = await startEnv();
    const { page } = await openHome(env, 360);
    try {
      await browseThenRefuseKey(page, env, DEMO_KEYS.readOnly);
      const inBar = page.getByRole('banner').getByRole('button', { name: `Forget key for ${NAME}`, exact: true });
      await inBar.waitFor();
      for (const width of [360, 1280]) {
        await page.setViewportSize({ width, height: 800 });
        await page.screenshot({ path: `${SCREENSHOT_DIR}/storehippo-refused-forget-bar-${width}.png` });
      }
      await inBar.click();
      const question = page.getByRole('alertdialog', { name: `Forget the key for ${NAME}?` });
      await question.waitFor();
      const words = (await question.innerText()).replace(/\s+/g, ' ');
      expect(words).toContain(`${NAME} no longer accepts this key, and this browser has removed it already.`);
      expect(words).not.toMatch(/paste the key again|keeps working/);
      for (const width of [1280, 360]) {
        await page.setViewportSize({ width, height: 800 });
        await page.screenshot({ path: `${SCREENSHOT_DIR}/storehippo-refused-forget-question-${width}.png` });
      }
      await question.getByRole('button', { name: 'Forget key', exact: true }).click();
      await page.getByRole('heading', { name: 'Your stores', level: 1 }).waitFor();
      const status = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: NAME, level: 2 }) }).locator('p.status');
      await status.filter({ hasText: /^Not connected · / }).waitFor();
      // Regression: the note said "They still work elsewhere until you revoke them at the store."
      await page.getByRole('status').filter({ hasText: `This browser forgot the key for ${NAME}, which the store had refused already.` }).waitFor();
      expect(await page.getByText(/still work elsewhere/).count()).toBe(0);
      for (const width of [360, 1280]) {
        await page.setViewportSize({ width, height: 800 });
        await page.screenshot({ path: `${SCREENSHOT_DIR}/storehippo-refused-forget-note-${width}.png` });
      }
      expect(await readSessionKeys(page)).toEqual([]);
      await expect.poll(async () => (await readVaultKeys(page)).filter((k) => k.includes('hippo'))).toEqual(['signed-out:hippo']);
      expect(await page.getByRole('alert').filter({ hasText: 'no longer accepts' }).count()).toBe(0);
    } finally {
      env.hippo.enableKey(DEMO_KEYS.readOnly);
    }
  });
});
