/**
 * Shopware 6 stores in the built app, configured by config.json alone, against the faithful local
 * Shopware server (platforms.md 4): both credentials modes connect, browse two pages, search,
 * filter, sort, open a product, survive a reload; a browse-only integration sees orders and coupons
 * locked in the platform's words; an administrator integration edits a product; wrong credentials,
 * CORS off and throttling each say their own thing and store nothing; a revoked integration is
 * entered again in place; at expiry five tabs renew with one token request. Each screen passes axe
 * at 360 px light and 1280 px dark, and the focus follows each action.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { hasFocus, screenAudits, AXE_FLOW_TIMEOUT } from '../helpers/screen-audits.ts';
import { useE2e } from '../helpers/e2e-fixture.ts';
import { productCards, stepToNextPage, loadedProducts, loadedProductsReachable } from '../helpers/catalog-grid.ts';
import { forgetCredentials, readAllIndexedDb, readOtherStorage, readSealedRecord, readSessionKeys, readVaultKeys } from '../helpers/e2e-app.ts';
import { reloadAtExpiry } from '../helpers/quiet-tabs.ts';
import type { StaticServer } from '../helpers/static-server.ts';
import { openAppHome, servePlatformApp } from '../helpers/platform-app.ts';
import { SCREENSHOT_DIR } from '../helpers/paths.ts';
import { DEMO_INTEGRATIONS, DEMO_USERS, SALES_CHANNEL_ACCESS_KEY } from '../platforms/shopware/constants.ts';
import { startShopwareStore, type ShopwareStore, type ShopwareStoreOptions } from '../platforms/shopware/server.ts';
import type { AppConfig } from '../../src/lib/config/types.ts';

const e2e = useE2e();
const STORE = 'Shopware Demo Shop';
const [BROWSE_ONLY, , ADMIN] = DEMO_INTEGRATIONS as [(typeof DEMO_INTEGRATIONS)[0], (typeof DEMO_INTEGRATIONS)[1], (typeof DEMO_INTEGRATIONS)[2]];
const [ADMIN_USER] = DEMO_USERS as [(typeof DEMO_USERS)[0]];
// (the demo admin's password is the word 'shopware', which the platform's name contains: not searchable)
const SECRETS = [...DEMO_INTEGRATIONS.map((i) => i.secret), ...DEMO_USERS.map((u) => u.password)].filter((s) => s.length >= 10);

interface Env {
  app: StaticServer;
  shop: ShopwareStore;
}

async function startEnv(shopOptions: ShopwareStoreOptions = {}): Promise<Env> {
  const { app, store: shop } = await servePlatformApp(e2e, {
    basePath: '/shops/demo/',
    startStore: () => startShopwareStore({ port: 0, ...shopOptions }),
    config: (shop): AppConfig & { imageOrigins: string[] } => ({
      stores: [{ id: 'sw', kind: 'shopware6', name: STORE, apiBase: shop.origin, auth: ['integration', 'password'], currency: 'EUR' }],
      imageOrigins: [shop.mediaOrigin],
    }),
  });
  return { app, shop };
}

const openHome = (env: Env, width?: number) => openAppHome(e2e, env.app, width);

async function connectIntegration(page: Page, keyId: string, secret: string): Promise<void> {
  await page.getByLabel('Access key ID').fill(keyId);
  await page.getByLabel('Secret access key').fill(secret);
  await page.getByRole('button', { name: /^Connect .* with the integration key$/ }).click();
}

const cards = productCards;

describe('Shopware 6 in the app', () => {
  it('an integration key connects, browses two pages, searches, filters, sorts, opens a product (a parent sold in variants: in stock, From its cheapest), survives a reload and goes back', async () => {
    const env = await startEnv();
    const { page, lines } = await openHome(env);
    // the form: labelled fields, the secret hidden, what it can do, the risk, where to revoke
    expect(await page.getByLabel('Secret access key').getAttribute('type')).toBe('password');
    await page.getByText(/Risk:/).first().waitFor();
    await page.getByText(/Integrations: delete the integration/).first().waitFor();
    expect(await page.getByRole('link', { name: `Open the admin of ${STORE}` }).getAttribute('href')).toBe(`${env.shop.origin}/admin#/sw/integration/index`);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/shopware-home-form-1280.png`, fullPage: true });
    // pasted as a chat or a document copies them: in quotes, straight and typographic, a space after
    await connectIntegration(page, `"${BROWSE_ONLY.accessKeyId}"`, `\u201C${BROWSE_ONLY.secret}\u201D `);
    await page.getByText(/^Connected · /).waitFor();
    await page.getByRole('link', { name: `Browse ${STORE}` }).click();
    await page.getByRole('heading', { name: STORE, level: 1 }).waitFor();
    await expect.poll(() => loadedProducts(page)).toBeGreaterThanOrEqual(24);
    // the second page: the grid loads it ahead when its end comes near, or on Load more
    await expect
      .poll(() => stepToNextPage(page))
      .toBe(31);
    await page.getByText('You have seen all 31 products.').first().waitFor(); // the line under the cards (Load more's press also says it)
    const all = await loadedProducts(page);
    // the box says what the Admin API's term matches: the name and the product number
    expect(await page.getByRole('searchbox', { name: 'Search' }).getAttribute('placeholder')).toBe('Name or product number');
    await page.getByRole('searchbox', { name: 'Search' }).fill('Cherries');
    await expect.poll(() => cards(page).count()).toBe(1);
    // a parent sold in sizes (its own stock 0, not available; a variant's 18): in stock, as the shop sells it
    await page.getByRole('searchbox', { name: 'Search' }).fill('Potatoes');
    await expect.poll(async () => (await cards(page).allInnerTexts()).join('|')).toMatch(/^[^|]*Potatoes[^|]*$/);
    expect(await cards(page).first().innerText()).not.toContain('Out of stock');
    // and priced as the shop's storefront prices it: "From" its cheapest variant (2.5 kg at the parent's €1.53; 5 kg €4.49)
    expect(await cards(page).first().locator('.price').innerText()).toBe('From €1.53');
    await page.screenshot({ path: `${SCREENSHOT_DIR}/shopware-variants-from-1280.png` });
    await cards(page).first().getByRole('link').first().click();
    await page.getByRole('heading', { name: 'Potatoes', level: 1 }).waitFor();
    await page.getByText('In stock', { exact: true }).waitFor();
    expect(await page.getByRole('main').locator('.price').first().innerText()).toBe('From €1.53');
    await page.setViewportSize({ width: 360, height: 740 });
    await page.screenshot({ path: `${SCREENSHOT_DIR}/shopware-variants-from-product-360.png` });
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goBack();
    await page.getByRole('heading', { name: STORE, level: 1 }).waitFor();
    await page.getByRole('searchbox', { name: 'Search' }).fill('');
    await expect.poll(() => loadedProducts(page)).toBeGreaterThanOrEqual(24);
    await page.getByLabel('Category').selectOption('Fruit');
    await expect.poll(async () => ((names) => names.length > 0 && names.every((t) => /Apples|Bananas|Pears|Cherries/.test(t)))(await cards(page).allInnerTexts())).toBe(true);
    await page.getByLabel('Sort by').selectOption('name');
    await expect.poll(async () => (await cards(page).first().innerText()).includes('Bananas')).toBe(true);
    await cards(page).first().getByRole('link').first().click();
    await page.getByRole('heading', { name: 'Bananas', level: 1 }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'Bananas', level: 1 }).waitFor();
    await page.goBack();
    await page.getByRole('heading', { name: STORE, level: 1 }).waitFor();
    expect(new URL(page.url()).hash).toContain('category=Fruit');
    expect(all).toBe(31);
    // the Embed screen asks for the sales channel's public key and writes a Store API snippet
    await page.getByRole('link', { name: 'Embed' }).click();
    // a key the shop refuses (another sales channel's, mistyped): said at once, and no snippet to publish
    await page.getByLabel('Sales channel access key').fill('SWSCWRONGKEY0000000000001');
    await page.getByRole('alert').filter({ hasText: `${STORE} does not accept this key for its storefront` }).waitFor();
    expect(await page.getByRole('textbox', { name: 'Snippet' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Copy snippet' }).count()).toBe(0);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/shopware-embed-wrong-key.png`, fullPage: true });
    await page.getByLabel('Sales channel access key').fill(SALES_CHANNEL_ACCESS_KEY);
    // a key taken is said, not only shown by the snippet appearing further down
    await page.getByRole('status').filter({ hasText: `${STORE} accepts this key: the snippet is below.` }).waitFor();
    const snippet = await page.getByRole('textbox', { name: 'Snippet' }).inputValue();
    expect(snippet).toContain('kind="shopware6"');
    expect(snippet).toContain(`access-key="${SALES_CHANNEL_ACCESS_KEY}"`);
    expect(snippet.includes('token=')).toBe(false);
    for (const secret of SECRETS) expect(snippet.includes(secret)).toBe(false);
    await expect.poll(() => page.locator('storefront-products').evaluate((el) => el.shadowRoot?.querySelectorAll('li').length ?? 0), { timeout: 15_000 }).toBeGreaterThan(3);
    // The Store API's cards carry no product address and config.json names no storefrontUrl: no links, and the screen says how to get them.
    expect(await page.locator('storefront-products').evaluate((el) => el.shadowRoot?.querySelectorAll('a').length)).toBe(0);
    expect(snippet.includes('storefront-url')).toBe(false);
    await page.getByText(`Products show without links: the Store API of ${STORE} does not give the addresses of its product pages.`).waitFor();
    // how to add the links is for whoever runs the site: folded away under its own heading
    const storefrontUrlHow = page.getByText(/To link each product to its page, set this store’s storefrontUrl \(the shop’s storefront address\) in the\s+site’s config\.json/);
    expect(await storefrontUrlHow.isVisible()).toBe(false);
    await page.setViewportSize({ width: 360, height: 800 });
    // on a phone too the box shows the whole snippet, wrapped lines and closing tag included
    await expect.poll(() => page.getByRole('textbox', { name: 'Snippet' }).evaluate((textarea) => textarea.scrollHeight <= textarea.clientHeight)).toBe(true);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/shopware-embed-360.png`, fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.getByText('For whoever runs this site').click();
    await storefrontUrlHow.waitFor();
    expect(await page.getByText('Each product links to its page').count()).toBe(0);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/shopware-embed-1280.png`, fullPage: true });
    // the sales channel key is kept (IndexedDB, with the store's data): a reload needs no second paste
    await page.reload();
    await expect.poll(() => page.getByLabel('Sales channel access key').inputValue()).toBe(SALES_CHANNEL_ACCESS_KEY);
    await expect.poll(() => page.getByRole('textbox', { name: 'Snippet' }).inputValue()).toContain(`access-key="${SALES_CHANNEL_ACCESS_KEY}"`);
    expect((await readOtherStorage(page)) + page.url()).not.toContain(SALES_CHANNEL_ACCESS_KEY);
    expect(await readVaultKeys(page)).toContain('storefront-key:sw');
    // only the key in the field is kept: one the shop refuses is not, and the good one it replaced is forgotten
    const keyField = page.getByLabel('Sales channel access key');
    /** The Embed screen reloaded, given the time to fill in a kept key: its field is empty. */
    const emptyAfterReload = async () => {
      await page.reload();
      await page.getByRole('heading', { name: 'The storefront’s public key' }).waitFor();
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await keyField.inputValue()).toBe('');
    };
    await keyField.fill('SWSCWRONGKEY0000000000001');
    await page.getByRole('alert').filter({ hasText: `${STORE} does not accept this key for its storefront` }).waitFor();
    await expect.poll(async () => (await readVaultKeys(page)).includes('storefront-key:sw')).toBe(false);
    await emptyAfterReload();
    // the good key kept again; emptying the field forgets it, and a reload shows it empty
    await keyField.fill(SALES_CHANNEL_ACCESS_KEY);
    await page.getByText(`This browser keeps it until you forget the connection to ${STORE}.`).waitFor();
    await keyField.fill('');
    await expect.poll(async () => (await readVaultKeys(page)).includes('storefront-key:sw')).toBe(false);
    await emptyAfterReload();
    await keyField.fill(SALES_CHANNEL_ACCESS_KEY);
    await expect.poll(async () => (await readVaultKeys(page)).includes('storefront-key:sw')).toBe(true);
    // nothing secret outside the sealed vault, nor in the console
    const other = await readOtherStorage(page);
    for (const secret of SECRETS) {
      expect(other.includes(secret)).toBe(false);
      expect(lines.join('\n').includes(secret)).toBe(false);
    }
    // Forget takes the kept sales channel key with the rest of the store's data
    await page.goto(env.app.url);
    await forgetCredentials(page, STORE);
    await expect.poll(async () => (await readVaultKeys(page)).includes('storefront-key:sw')).toBe(false);
  });

  it('a product with advanced prices shows them as the shop’s product page does: a table of Quantity and Unit price, "To 9" €1.09, "From 10" €0.95, under "From €0.95", readable at 360 px; one advanced price is just the price', async () => {
    const env = await startEnv();
    const { page } = await openHome(env);
    await connectIntegration(page, BROWSE_ONLY.accessKeyId, BROWSE_ONLY.secret);
    await page.getByText(/^Connected · /).waitFor();
    await page.getByRole('link', { name: `Browse ${STORE}` }).click();
    await page.getByRole('heading', { name: STORE, level: 1 }).waitFor();
    // Leeks: €1.09 up to 9 items, €0.95 from 10, for the rule every shopper meets (its own €1.16 then applies to none)
    await page.getByRole('searchbox', { name: 'Search' }).fill('Leeks');
    await expect.poll(async () => (await cards(page).allInnerTexts()).join('|')).toMatch(/^[^|]*Leeks[^|]*$/);
    expect(await cards(page).first().locator('.price').innerText()).toBe('From €0.95');
    await cards(page).first().getByRole('link').first().click();
    await page.getByRole('heading', { name: 'Leeks', level: 1 }).waitFor();
    const tiers = page.getByRole('table', { name: 'Prices by quantity for the rule “Always valid (Default)”' });
    await tiers.waitFor();
    expect(await tiers.getByRole('columnheader').allInnerTexts()).toEqual(['Quantity', 'Unit price']);
    expect(await tiers.getByRole('rowheader').allInnerTexts()).toEqual(['To 9', 'From 10']);
    expect(await tiers.getByRole('cell').allInnerTexts()).toEqual(['€1.09', '€0.95']);
    expect(await page.getByRole('main').locator('.price').first().innerText()).toBe('From €0.95');
    await page.screenshot({ path: `${SCREENSHOT_DIR}/shopware-price-tiers-1280.png` });
    // on a phone the table stays whole on the screen, its rows one line each
    await page.setViewportSize({ width: 360, height: 740 });
    await tiers.scrollIntoViewIfNeeded();
    const box = (await tiers.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(360);
    const rowHeights = await tiers.locator('tbody tr').evaluateAll((rows) => rows.map((row) => row.getBoundingClientRect().height));
    expect(Math.max(...rowHeights)).toBeLessThan(60);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/shopware-price-tiers-360.png` });
    const { problems, audit } = screenAudits(page, 'shopware');
    await audit('price-tiers');
    expect(problems).toEqual([]);
    await page.setViewportSize({ width: 1280, height: 900 });
    // Carrots: one advanced price (€0.69, its own €0.79): that is its price, with no table, as the shop shows it
    await page.goBack();
    await page.getByRole('heading', { name: STORE, level: 1 }).waitFor();
    await page.getByRole('searchbox', { name: 'Search' }).fill('Carrots');
    await expect.poll(async () => (await cards(page).allInnerTexts()).join('|')).toMatch(/^[^|]*Carrots[^|]*$/);
    expect(await cards(page).first().locator('.price').innerText()).toBe('€0.69');
    await cards(page).first().getByRole('link').first().click();
    await page.getByRole('heading', { name: 'Carrots', level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'Description', level: 2 }).waitFor();
    expect(await page.getByRole('main').locator('.price').first().innerText()).toBe('€0.69');
    expect(await page.getByRole('table').count()).toBe(0);
  });

  it('a browse-only integration sees orders and coupons locked in Shopware’s words; an administrator integration edits a product and the shop has the change', async () => {
    const env = await startEnv();
    const { page } = await openHome(env, 360);
    const askedMe: string[] = [];
    page.on('request', (request) => void (new URL(request.url()).pathname === '/api/_info/me' && askedMe.push(request.url())));
    await connectIntegration(page, BROWSE_ONLY.accessKeyId, BROWSE_ONLY.secret);
    // an integration cannot read its own rights: editing is offered until a save is refused (4.4),
    // and _info/me (which answers an integration 403) is not asked
    await page.getByText(/^Connected · can browse products and edit products if the key’s role allows it; not allowed to see orders or coupons/).waitFor();
    expect(askedMe).toEqual([]);
    await page.goto(`${env.app.url}#/s/sw/orders`);
    await page.getByText(/Give the role order, order_customer/).waitFor();
    expect(await page.getByRole('button', { name: /^Grant access/ }).count()).toBe(0);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/shopware-orders-locked-360.png`, fullPage: true });

    // A save the browse-only role is refused (403) keeps the draft in view under the refusal, to read
    // or discard (the whole form went away, the note promising a draft nobody could see).
    await page.goto(`${env.app.url}#/s/sw`);
    await page.getByRole('searchbox', { name: 'Search' }).fill('Cherries');
    await expect.poll(() => cards(page).count()).toBe(1);
    await cards(page).first().getByRole('link').first().click();
    const refusedForm = page.getByRole('form', { name: 'Edit product' });
    await refusedForm.getByLabel('Name').fill('Cherries, typed under a browse-only key');
    await refusedForm.getByRole('button', { name: 'Save changes' }).focus();
    await page.keyboard.press('Enter');
    await page.getByText('Your unsaved changes to this product are kept below: once the permission is granted, Check again brings Save back; or discard them.').waitFor();
    expect(await refusedForm.getByLabel('Name').inputValue()).toBe('Cherries, typed under a browse-only key');
    expect(await refusedForm.getByRole('button', { name: 'Save changes' }).count()).toBe(0);
    expect(await findByName(env, 'Cherries, typed under a browse-only key')).toBe(false);
    expect(await page.getByRole('button', { name: 'Check again' }).evaluate((button) => button === document.activeElement)).toBe(true);
    await page.getByRole('heading', { name: 'Manage this product' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SCREENSHOT_DIR}/shopware-edit-refused-draft-360.png` });
    await refusedForm.getByRole('button', { name: 'Discard changes' }).click();
    await refusedForm.waitFor({ state: 'detached' });
    expect(await page.getByText(/kept below/).count()).toBe(0);
    await page.getByText(/Editing products is not allowed for this connection/).waitFor();
    expect(await page.getByRole('button', { name: 'Check again' }).evaluate((button) => button === document.activeElement)).toBe(true);

    await page.goto(env.app.url);
    await forgetCredentials(page, STORE);
    await page.getByRole('status').filter({ hasText: /forgot the credentials for/ }).waitFor();
    expect(await readSessionKeys(page)).toEqual([]);
    await connectIntegration(page, ADMIN.accessKeyId, ADMIN.secret);
    await page.getByText(/^Connected · can browse products, see orders and coupons, and edit products if the key’s role allows it$/).waitFor();
    await page.goto(`${env.app.url}#/s/sw/orders`);
    await page.getByRole('table').waitFor();
    // the payment's state where the order alone says open: a failed payment is not just "Pending"
    const statusOf = (number: string): Promise<string> => page.getByRole('row').filter({ hasText: `#${number}` }).locator('td.state').innerText();
    expect(await statusOf('10007')).toBe('Payment failed');
    // what was shipped (the main delivery's state, as Shopware's own order list shows it), and what the payment still lacks
    expect(await statusOf('10008')).toBe('Shipped · Partly paid');
    expect(await statusOf('10003')).toBe('Shipped');
    expect(await statusOf('10002')).toBe('Partly shipped');
    expect(await statusOf('10005')).toBe('Refunded');
    expect(await statusOf('10001')).toBe('Pending');
    await page.screenshot({ path: `${SCREENSHOT_DIR}/shopware-orders-payment-states-360.png`, fullPage: true });
    const narrow = page.viewportSize();
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: `${SCREENSHOT_DIR}/shopware-orders-payment-states-1280.png`, fullPage: true });
    if (narrow !== null) await page.setViewportSize(narrow);
    await page.goto(`${env.app.url}#/s/sw/coupons`);
    await page.locator('li code').getByText('SUMMER10', { exact: true }).waitFor();
    // the merchant's names; a fixed price is not called an amount off
    const tee = page.getByRole('listitem').filter({ hasText: 'TEE999' });
    expect(await tee.innerText()).toMatch(/Any tee for 9\.99\s+Its terms are set in the store’s admin\.\s+No end date/);
    expect(await page.getByRole('listitem').filter({ hasText: 'SUMMER10' }).innerText()).toMatch(/Summer 10 %\s+10% off/);
    // 100 % off delivery reads as free shipping, said once (it was the name over "Its terms are set in the store’s admin.")
    const freeship = page.getByRole('listitem').filter({ hasText: 'FREESHIP' });
    expect(await freeship.locator('.off').innerText()).toBe('Free shipping');
    expect(await freeship.getByText(/Free shipping/i).count()).toBe(1);
    expect(await freeship.getByText('Its terms are set').count()).toBe(0);
    // a capped percentage says its cap in the shop's currency, on the cart and on delivery (it read "10% off", and the
    // capped delivery discount was left to its name)
    expect(await page.getByRole('listitem').filter({ hasText: 'TENCAP' }).locator('.off').innerText()).toMatch(/^10% off, at\smost\s€5\.00$/);
    expect(await page.getByRole('listitem').filter({ hasText: 'SHIPCAP' }).locator('.off').innerText()).toMatch(/^Free shipping up\sto\s€4\.50$/);
    // a promotion switched off in the admin is no coupon a shopper can use
    expect(await page.getByText('WINTER20').count()).toBe(0);
    // what the admin lists beside the coupons is said, with why, under the title before the coupons (they were left out without a word)
    const notListed = page.getByRole('list', { name: '3 promotions are not listed here:' });
    expect(await notListed.getByRole('listitem').allInnerTexts()).toEqual([
      '1 uses individual codes, a single-use code for each shopper: “Newsletter codes”. Its codes are listed in the admin named above.',
      '1 applies by itself in the cart, without a code: “Automatic free delivery”.',
      '1 is switched off: “Winter 20 %”.',
    ]);
    expect(await notListed.evaluate((list) => list.compareDocumentPosition(document.getElementById('active-title')!) & Node.DOCUMENT_POSITION_FOLLOWING)).toBeTruthy();
    // where the promotions are kept is said once, under the title (the individual codes' line said it again)
    expect((await page.locator('main').innerText()).split('Shopware Administration › Marketing › Promotions')).toHaveLength(2);
    // one set up ahead is not listed as live: under "Not started yet" with its start; one over, under "Expired"
    const upcoming = page.getByRole('list', { name: 'Not started yet' });
    expect(await upcoming.getByRole('listitem').innerText()).toMatch(/^SPRING30[\s\S]*Spring launch\s+30% off\s+Starts [^·\n]*2099 · Expires [^·\n]*2099$/);
    expect(await page.getByRole('list', { name: 'Expired' }).getByText('BLACKFRIDAY').count()).toBe(1);
    expect(await page.locator('ul.coupons').first().getByText(/SPRING30|BLACKFRIDAY/).count()).toBe(0);
    // each group under a heading, the live ones too (a screen reader's list of headings skipped them)
    expect(await page.locator('main').getByRole('heading', { level: 2 }).allTextContents()).toEqual(['Active now', 'Not started yet', 'Expired']);
    expect(await page.getByRole('list', { name: 'Active now' }).locator('code').getByText('SUMMER10', { exact: true }).count()).toBe(1);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/shopware-coupons-upcoming-360.png`, fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: `${SCREENSHOT_DIR}/shopware-coupons-upcoming-1280.png`, fullPage: true });
    if (narrow !== null) await page.setViewportSize(narrow);
    await page.goto(`${env.app.url}#/s/sw`);
    await page.getByRole('searchbox', { name: 'Search' }).fill('Cherries');
    await expect.poll(() => cards(page).count()).toBe(1);
    await cards(page).first().getByRole('link').first().click();
    const form = page.getByRole('form', { name: 'Edit product' });
    await form.waitFor();
    // said before anything is typed, not first at Save: the shop alone knows whether the role may edit
    await page.getByText(/^Shopware 6 does not let this app check beforehand whether this connection’s role may edit products: if it may not, Save says so, and your changes stay here\.$/).waitFor();
    await page.getByRole('heading', { name: 'Manage this product' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SCREENSHOT_DIR}/shopware-edit-unconfirmed-360.png` });
    await form.getByLabel('Name').fill('Cherries 500 g, sweet');
    await form.getByLabel('Description').fill('<p>Picked <em>ripe</em>.</p>');
    await form.getByRole('button', { name: /^Save/ }).click();
    await page.getByRole('heading', { name: 'Cherries 500 g, sweet', level: 1 }).waitFor();
    expect(await findByName(env, 'Cherries 500 g, sweet')).toBe(true);
    // the description went out in the same PATCH, and the page shows the shop's copy of it
    const id = decodeURIComponent(new URL(page.url()).hash).split('/product/')[1]?.split(/[?/]/)[0] ?? '';
    expect(env.shop.getProduct(id)?.description).toBe('<p>Picked <em>ripe</em>.</p>');
    await page.locator('section.description em', { hasText: 'ripe' }).waitFor();
  });

  it('a refused draft under the lock: Check again and Use another key put the focus in the editor that comes back, not on the page', async () => {
    const env = await startEnv();
    const { page, lines } = await openHome(env, 360);
    await connectIntegration(page, BROWSE_ONLY.accessKeyId, BROWSE_ONLY.secret);
    await page.getByText(/^Connected · can browse products and edit products if the key’s role allows it/).waitFor();
    await page.goto(`${env.app.url}#/s/sw`);
    await page.getByRole('searchbox', { name: 'Search' }).fill('Cherries');
    await expect.poll(() => cards(page).count()).toBe(1);
    await cards(page).first().getByRole('link').first().click();
    const form = page.getByRole('form', { name: 'Edit product' });
    const name = form.getByLabel('Name');
    const refuse = async (): Promise<void> => {
      await form.getByRole('button', { name: 'Save changes' }).focus();
      await page.keyboard.press('Enter');
      await page.getByText(/Your unsaved changes to this product are kept below/).waitFor();
    };
    await name.fill('Cherries, typed under a browse-only key');
    await refuse();
    // Check again: an integration's refusals are cleared, editing is offered again on trust, the lock
    // (and its button) gone: the focus in the editor's first field, the draft in it
    await page.getByRole('button', { name: 'Check again' }).click();
    await page.getByRole('button', { name: 'Save changes' }).waitFor();
    await hasFocus(name);
    expect(await name.inputValue()).toBe('Cherries, typed under a browse-only key');
    // refused again; the administrator's key, in place: the screen is drawn afresh, the draft restored,
    // the focus in its first field again
    await refuse();
    await page.getByRole('button', { name: 'Use another key' }).click();
    await connectIntegration(page, ADMIN.accessKeyId, ADMIN.secret);
    await page.getByRole('status').filter({ hasText: 'Your unsaved changes were restored.' }).waitFor(); // said, not only shown
    await hasFocus(name);
    expect(await name.inputValue()).toBe('Cherries, typed under a browse-only key');
    await page.screenshot({ path: `${SCREENSHOT_DIR}/shopware-draft-another-key-360.png` });
    expect(lines.filter((line) => line.includes('svelte.dev/e/'))).toEqual([]);
  });

  it('a wrong secret, CORS off and a throttled sign-in each say their own thing, and nothing is stored', async () => {
    const env = await startEnv({ throttleDivisor: 1 });
    const { page } = await openHome(env);
    await connectIntegration(page, BROWSE_ONLY.accessKeyId, 'not-the-secret');
    // said once: what was refused, then why
    await page.getByRole('alert').filter({ hasText: /^Shopware 6 did not accept this access key ID and secret\. The values are wrong, or the integration was deleted\.$/ }).waitFor();
    expect(await page.getByLabel('Secret access key').inputValue()).toBe('');
    expect(await page.getByLabel('Access key ID').inputValue()).toBe(BROWSE_ONLY.accessKeyId);
    expect(await readSessionKeys(page)).toEqual([]);

    env.shop.setCors(false);
    await connectIntegration(page, BROWSE_ONLY.accessKeyId, BROWSE_ONLY.secret);
    await page.getByText('Nothing was connected, and what you entered is kept. The store may be down for a moment, or the connection dropped: try again shortly; if it keeps happening, the store is not set up to answer this app’s address (CORS).').waitFor();
    expect(await page.getByText(/did not accept/).count()).toBe(0);
    // the shop never judged it: the secret, shown once at the shop, is still there to send again (it was emptied)
    expect(await page.getByLabel('Secret access key').inputValue()).toBe(BROWSE_ONLY.secret);
    expect(await readSessionKeys(page)).toEqual([]);
    env.shop.setCors(true);

    // the password mode: wrong passwords until the store throttles, then a correct one is throttled too
    await page.getByRole('radio', { name: 'Administration sign-in' }).check();
    let throttled = false;
    let sent = '';
    for (let attempt = 0; attempt < 12 && !throttled; attempt++) {
      await page.getByLabel('Username').fill(ADMIN_USER.username);
      sent = `wrong-${attempt}`;
      await page.getByLabel('Password').fill(sent);
      await page.getByRole('button', { name: /with the administration sign-in$/ }).click();
      await page.getByRole('alert').filter({ hasText: /slowing down|did not accept/ }).waitFor();
      throttled = (await page.getByText(/slowing down sign-in attempts/).count()) > 0;
    }
    expect(throttled).toBe(true);
    await page.getByText(/Wait \d+ seconds and try again; what you entered is kept/).waitFor();
    // the shop turned the attempt away before judging it: the password is given back, as after a CORS failure
    expect(await page.getByLabel('Password').inputValue()).toBe(sent);
    expect(await readSessionKeys(page)).toEqual([]);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/shopware-throttled-1280.png`, fullPage: true });
  });

  it('a key sent offline on a first visit (the connector’s code not in yet): says the browser is offline, keeps the key, and connects by itself once online', async () => {
    const env = await startEnv();
    const { page } = await openHome(env, 360);
    await page.context().setOffline(true);
    await connectIntegration(page, BROWSE_ONLY.accessKeyId, BROWSE_ONLY.secret);
    const alert = page.getByRole('alert').filter({ hasText: 'This browser is offline' });
    await alert.getByText('Nothing reached the store, and what you entered is kept: it is sent by itself once the browser is back online.', { exact: false }).waitFor();
    // Not the words for a site updated meanwhile (the connector's code was not tried offline).
    expect(await page.getByText(/could not be loaded|site was updated meanwhile/).count()).toBe(0);
    expect(await page.getByLabel('Secret access key').inputValue()).toBe(BROWSE_ONLY.secret);
    expect(await page.getByLabel('Access key ID').inputValue()).toBe(BROWSE_ONLY.accessKeyId);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/shopware-offline-connector-360.png`, fullPage: true });
    // Back online, the same key is sent by itself (Connect was pressed already) and connects: the
    // connector's code comes now (not refused as tried offline). No press, no stale offline alert.
    await page.context().setOffline(false);
    await page.getByText(/^Connected · can browse products/).waitFor({ timeout: 6000 });
    expect(await alert.count()).toBe(0);
  });

  it('the Administration sign-in connects; a revoked integration is entered again in place; five tabs at expiry renew with one token request', async () => {
    const env = await startEnv();
    const { page, lines } = await openHome(env);
    const askedMe: string[] = [];
    page.on('request', (request) => void (new URL(request.url()).pathname === '/api/_info/me' && askedMe.push(request.url())));
    await page.getByRole('radio', { name: 'Administration sign-in' }).check();
    // a password manager may fill it: the merchant's own username and password
    expect(await page.getByLabel('Username').getAttribute('autocomplete')).toBe('username');
    expect(await page.getByLabel('Password').getAttribute('autocomplete')).toBe('current-password');
    await page.getByText('To end every session this password opened, change it in Shopware Administration › Settings › System › Users.').waitFor();
    await page.setViewportSize({ width: 360, height: 800 });
    await page.screenshot({ path: `${SCREENSHOT_DIR}/shopware-sign-in-form-360.png`, fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.getByLabel('Username').fill(ADMIN_USER.username);
    await page.getByLabel('Password').fill(ADMIN_USER.password);
    await page.getByRole('button', { name: /with the administration sign-in$/ }).click();
    // A user's rights are read from _info/me (its edit right among them): nothing left to the first save.
    await page.getByText(/^Connected · can browse products, see orders and coupons, and edit products$/).waitFor();
    await page.screenshot({ path: `${SCREENSHOT_DIR}/shopware-home-connected-1280.png`, fullPage: true });
    expect(askedMe.length).toBeGreaterThan(0);
    // The password was for its one request (security case 28): not in the sealed record the app keeps
    // (opened with its own key: the tokens are there), nor in the clear anywhere, nor in the console.
    const record = JSON.stringify(await readSealedRecord(page, 'session:sw'));
    expect(record.includes('"refreshToken"')).toBe(true);
    // (the demo's password is "shopware": the record's platform name, shopware6, is not it)
    expect(record.replace('"kind":"shopware6"', '').includes(ADMIN_USER.password)).toBe(false);
    expect((await readAllIndexedDb(page)).includes(ADMIN_USER.password)).toBe(false);
    expect((await readOtherStorage(page)).includes(ADMIN_USER.password)).toBe(false);
    expect(lines.join('\n').includes(ADMIN_USER.password)).toBe(false);

    // five tabs of the same profile, all past expiry together: one refresh for all
    const tabs: Page[] = [page];
    for (let i = 0; i < 4; i++) tabs.push(await page.context().newPage());
    for (const tab of tabs) {
      await tab.goto(`${env.app.url}#/s/sw`);
      await expect.poll(() => loadedProductsReachable(tab), { timeout: 20_000 }).toBeGreaterThanOrEqual(24);
    }
    const before = env.shop.stats().tokenRequests;
    // (the pages load again once none is open: quiet-tabs.ts says why)
    await reloadAtExpiry(tabs, () => {
      env.shop.advanceClock(601);
      env.shop.expireAccessTokens();
    });
    for (const tab of tabs) await expect.poll(() => loadedProductsReachable(tab), { timeout: 20_000 }).toBeGreaterThanOrEqual(24);
    const after = env.shop.stats().tokenRequests;
    expect(refreshCount(after) - refreshCount(before)).toBe(1);
    for (const tab of tabs.slice(1)) await tab.close();

    // an integration deleted while browsing: the banner asks for the key again, the place is kept
    await page.goto(env.app.url);
    await forgetCredentials(page, STORE, 'sign-in');
    await connectIntegration(page, BROWSE_ONLY.accessKeyId, BROWSE_ONLY.secret);
    await page.getByText(/^Connected · /).waitFor();
    // The filter's category list loads when the browser is idle or the filter is reached for: it is
    // let load first, so that the search below is the request that finds access ended (else the
    // typed query, not applied yet, would go with the screen).
    const categoryList = page.waitForResponse((response) => response.url().endsWith('/api/search/category'), { timeout: 20_000 });
    await page.goto(`${env.app.url}#/s/sw?q=Pears`);
    await expect.poll(() => cards(page).count()).toBe(1);
    await page.getByRole('combobox', { name: 'Category' }).hover();
    await categoryList;
    env.shop.revokeIntegration(BROWSE_ONLY.accessKeyId);
    env.shop.expireAccessTokens();
    await page.getByRole('searchbox', { name: 'Search' }).fill('Cherries');
    await page.getByText(/no longer accepts the saved key/).waitFor();
    await page.screenshot({ path: `${SCREENSHOT_DIR}/shopware-revoked-banner-1280.png`, fullPage: true });
    await connectIntegration(page, ADMIN.accessKeyId, ADMIN.secret);
    await expect.poll(() => cards(page).count()).toBe(1);
    expect(new URL(page.url()).hash).toContain('q=Cherries');
    // the form gone with the banner, the focus is back in the search box it was in when access ended
    // (the one drawn again with the catalogue)
    await hasFocus(page.getByRole('searchbox', { name: 'Search' }));
  }, 150_000);
});

/** Refresh-grant token requests the server has answered. */
function refreshCount(stats: { byGrant: Record<string, number> }): number {
  return stats.byGrant['refresh_token'] ?? 0;
}

async function findByName(env: Env, name: string): Promise<boolean> {
  const response = await fetch(`${env.shop.origin}/api/oauth/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ grant_type: 'client_credentials', client_id: ADMIN.accessKeyId, client_secret: ADMIN.secret }),
  });
  const { access_token: token } = (await response.json()) as { access_token: string };
  const search = await fetch(`${env.shop.origin}/api/search/product`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify({ filter: [{ type: 'equals', field: 'name', value: name }] }),
  });
  const json = (await search.json()) as { total?: number; data?: unknown[] };
  return (json.data?.length ?? 0) > 0;
}

/** What Chromium gives a screen reader for the focused element: its accessible name and description. */
async function focusedForScreenReader(page: Page): Promise<{ name: unknown; description: unknown }> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { result } = await cdp.send('Runtime.evaluate', { expression: 'document.activeElement' });
    const { nodes } = await cdp.send('Accessibility.getPartialAXTree', { objectId: result.objectId!, fetchRelatives: false });
    return { name: nodes[0]?.name?.value, description: nodes[0]?.description?.value };
  } finally {
    await cdp.detach();
  }
}

describe('Shopware 6’s screens to a keyboard and a screen reader', () => {
  it('each screen passes axe (WCAG 2.1 A/AA, and a sound outline) at 360 px light and 1280 px dark; the focus follows connect, a refused secret, another key and Forget', async () => {
    const env = await startEnv();
    const { page } = await openHome(env, 360);
    const { problems, audit, catalogueThenProduct, anotherKeyOnCoupons } = screenAudits(page, 'shopware');
    const keyId = page.getByLabel('Access key ID');
    const secret = page.getByLabel('Secret access key');

    // a store screen opened before connecting: its form under the screen's heading
    await page.goto(`${env.app.url}#/s/sw/orders`);
    await page.getByRole('heading', { name: `${STORE} is not connected`, level: 1 }).waitFor();
    await keyId.waitFor();
    await audit('not-connected');
    await page.goto(env.app.url);
    await keyId.waitFor();
    await audit('form');
    // a refused secret: emptied, marked, and the focus back in it
    await connectIntegration(page, BROWSE_ONLY.accessKeyId, 'not-the-secret-of-this-integration');
    await page.getByRole('alert').filter({ hasText: 'Shopware 6 did not accept this access key ID and secret.' }).waitFor();
    await hasFocus(secret);
    expect(await secret.getAttribute('aria-invalid')).toBe('true');
    await audit('form-refused');
    // The words that describe the link the focus lands on, as they are at that moment (a screen reader
    // reads them then, and not again when they change a moment later).
    await page.evaluate(() => {
      document.addEventListener('focusin', ({ target }) => {
        const ids = target instanceof Element ? (target.getAttribute('aria-describedby') ?? '') : '';
        document.body.dataset['describedAtFocus'] = ids && (document.getElementById(ids)?.textContent ?? '');
      });
    });
    await connectIntegration(page, BROWSE_ONLY.accessKeyId, BROWSE_ONLY.secret);
    const browse = page.getByRole('link', { name: `Browse ${STORE}` });
    await hasFocus(browse);
    // Where the focus lands, a screen reader is told what the connection allows (the card's status line).
    expect(await page.evaluate(() => document.body.dataset['describedAtFocus'])).toMatch(/^Connected · can browse products/);
    expect(await focusedForScreenReader(page)).toEqual({ name: `Browse ${STORE}`, description: expect.stringMatching(/^Connected · can browse products/) });
    await audit('home-connected');

    await browse.click();
    await catalogueThenProduct(page.getByRole('form', { name: 'Edit product' }));
    await page.goto(`${env.app.url}#/s/sw/orders`);
    await page.getByText(/Give the role order, order_customer/).waitFor();
    await audit('orders-locked');
    // Use another key on the Coupons lock: the focus in its first field; the administrator's key
    // unlocks them, the focus on their heading
    await page.goto(`${env.app.url}#/s/sw/coupons`);
    await anotherKeyOnCoupons(keyId, () => connectIntegration(page, ADMIN.accessKeyId, ADMIN.secret));

    // Embed: a key the shop refuses marks the field, described by why
    await page.getByRole('navigation', { name: 'Store' }).getByRole('link', { name: 'Embed' }).click();
    const storefrontKey = page.getByLabel('Sales channel access key');
    await storefrontKey.fill('SWSCWRONGKEY0000000000001');
    const refusal = page.getByRole('alert').filter({ hasText: `${STORE} does not accept this key for its storefront` });
    await refusal.waitFor();
    expect(await storefrontKey.getAttribute('aria-invalid')).toBe('true');
    const description = await storefrontKey.evaluate((field) => (field.getAttribute('aria-describedby') ?? '').split(' ').map((id) => document.getElementById(id)?.textContent?.trim()).join(' '));
    expect(description).toContain((await refusal.textContent())!.trim());
    await audit('embed-refused');
    await storefrontKey.fill(SALES_CHANNEL_ACCESS_KEY);
    await page.getByRole('textbox', { name: 'Snippet' }).waitFor();
    expect(await storefrontKey.getAttribute('aria-invalid')).toBeNull();
    await expect.poll(() => page.locator('storefront-products').evaluate((el) => el.shadowRoot?.querySelectorAll('li').length ?? 0), { timeout: 15_000 }).toBeGreaterThan(3);
    await audit('embed');

    // Forget key in the store bar: back on the stores list, the focus in the form shown again
    await forgetCredentials(page, STORE, 'key', page.getByRole('banner').getByRole('button', { name: `Forget key for ${STORE}`, exact: true }));
    await hasFocus(keyId);
    expect(problems).toEqual([]);
  }, AXE_FLOW_TIMEOUT);
});
