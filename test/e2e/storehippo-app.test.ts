/**
 * StoreHippo stores in the built app, configured by config.json alone, against the faithful local
 * StoreHippo server (platforms.md 2, issue 12): a read-only access key connects, browses two pages,
 * searches, filters, sorts, opens a product whose image comes from the CDN origin, survives a
 * reload, and sees orders, coupons and editing locked in StoreHippo's words; a reload well down the
 * catalogue comes back to the same card; a manager key sees orders and coupons and edits a product
 * (its description too) the server keeps, and Back shows its card as saved; among several stores,
 * the form opens on Connect and Forget gives the focus back to that Connect; every screen to a
 * keyboard and a screen reader (axe); coupons not enabled are named with why, and with none enabled
 * the screen says there is no code to copy. Keys refused, changed, replaced or forgotten:
 * storehippo-keys.test.ts; offline and code that does not download: storehippo-offline.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { hasFocus, screenAudits, AXE_FLOW_TIMEOUT } from '../helpers/screen-audits.ts';
import { productCards, readPlace, stepToNextPage, loadedProducts } from '../helpers/catalog-grid.ts';
import { forgetCredentials, readOtherStorage, readSessionKeys, readVaultKeys } from '../helpers/e2e-app.ts';
import { SCREENSHOT_DIR } from '../helpers/paths.ts';
import { datesOnLines } from '../helpers/dates-whole.ts';
import { HIPPO_NAME as NAME, HIPPO_SECRETS as SECRETS, hash, pasteKey, useHippoApp } from '../helpers/storehippo-app.ts';
import { DEMO_KEYS } from '../platforms/storehippo/seed.ts';
import type { StoreHippoStore } from '../platforms/storehippo/server.ts';

const { startEnv, openHome } = useHippoApp();

const cards = productCards;
const productRequests = (hippo: StoreHippoStore) => hippo.requests().filter((r) => r.listener === 'api' && r.path.endsWith('/ms.products'));

describe('StoreHippo in the app', () => {
  it('coupons none of which is enabled: each named with why, and the screen says there is no code to copy, not that the store has none (360 and 1280 px)', async () => {
    const env = await startEnv();
    // the merchant unticks Enabled on every coupon code in StoreHippo Admin › Marketing › Coupon codes (OLDSALE already is)
    for (const code of ['WELCOME10', 'FLAT200', 'DIWALI25', 'NEWYEAR15']) env.hippo.setCouponEnabled(code, false);
    const { page } = await openHome(env, 360);
    await pasteKey(page, DEMO_KEYS.manager);
    await page.getByText('Connected · can browse products, see orders and coupons, and edit products').waitFor();
    await page.goto(`${env.app.url}#/s/hippo/coupons`);
    const notListed = page.getByRole('list', { name: '5 coupons are not listed here:' });
    await notListed.waitFor();
    // named newest first, as read (sort=-created_on)
    expect(await notListed.getByRole('listitem').allInnerTexts()).toEqual(['5 are not enabled: “NEWYEAR15”, “OLDSALE”, “DIWALI25” and 2 more.']);
    // under that list, something true: it was "This store has no coupons.", which the list just contradicted
    const empty = page.getByText('There is no code here to copy and share.', { exact: true });
    await empty.waitFor();
    expect(await notListed.evaluate((list, said) => !!(list.compareDocumentPosition(said!) & Node.DOCUMENT_POSITION_FOLLOWING), await empty.elementHandle())).toBe(true);
    expect(await page.getByText('This store has no coupons.').count()).toBe(0);
    expect(await page.locator('main ul.coupons').count()).toBe(0);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/storehippo-coupons-none-enabled-360.png`, fullPage: true });
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.screenshot({ path: `${SCREENSHOT_DIR}/storehippo-coupons-none-enabled-1280.png`, fullPage: true });
    // one ticked again: listed, and the list of those left out counts one fewer
    env.hippo.setCouponEnabled('WELCOME10', true);
    await page.reload();
    await page.locator('main li code').getByText('WELCOME10', { exact: true }).waitFor();
    expect(await page.getByRole('list', { name: '4 coupons are not listed here:' }).getByRole('listitem').allInnerTexts()).toEqual(['4 are not enabled: “NEWYEAR15”, “OLDSALE”, “DIWALI25” and 1 more.']);
    expect(await page.getByText('There is no code here to copy and share.').count()).toBe(0);
  });

  it('each date on Coupons and Orders whole on its line at 360 and 1280 px (at 360 px the coupon not started yet read “Expires Jan 31,” / “2099”)', async () => {
    const env = await startEnv();
    const { page } = await openHome(env, 360);
    await pasteKey(page, DEMO_KEYS.manager);
    await page.getByText('Connected · can browse products, see orders and coupons, and edit products').waitFor();
    await page.goto(`${env.app.url}#/s/hippo/coupons`);
    const upcoming = page.getByRole('list', { name: 'Not started yet' }).getByRole('listitem');
    await upcoming.locator('code', { hasText: 'NEWYEAR15' }).waitFor();
    for (const width of [360, 1280]) {
      await page.setViewportSize({ width, height: 800 });
      // each date whole (a line may break between its start and its end, never inside a date): WELCOME10's and
      // FLAT200's ends, NEWYEAR15's start and end
      await expect.poll(() => datesOnLines(page.locator('main ul.coupons'))).toEqual({ dates: expect.arrayContaining([expect.stringMatching(/2030$/), expect.stringMatching(/2099$/)]), split: [] });
      expect((await datesOnLines(page.locator('main ul.coupons'))).dates).toHaveLength(4);
      expect(await upcoming.locator('.when').innerText()).toMatch(/^Starts [^·\n]*2099 · Expires [^·\n]*2099$/);
      await page.screenshot({ path: `${SCREENSHOT_DIR}/storehippo-coupons-dates-${width}.png`, fullPage: true });
    }
    await page.goto(`${env.app.url}#/s/hippo/orders`);
    await page.getByRole('table').getByText(/OID\d+/).first().waitFor();
    for (const width of [1280, 360]) {
      await page.setViewportSize({ width, height: 800 });
      // each order's date (a cell of its own, kept on one line)
      await expect.poll(() => datesOnLines(page.locator('main table'))).toEqual({ dates: expect.arrayContaining([expect.any(String)]), split: [] });
      await page.screenshot({ path: `${SCREENSHOT_DIR}/storehippo-orders-dates-${width}.png`, fullPage: true });
    }
  });

  it('a read-only key connects, browses two pages, searches, filters, sorts, opens a CDN image, survives a reload; orders, coupons and edit are locked in StoreHippo’s words', async () => {
    const env = await startEnv();
    const { page, lines } = await openHome(env, 360);
    // the form: the key hidden, what it can do, how to make a read-only key, the risk, where to disable it
    expect(await page.getByRole('textbox', { name: 'Access key', exact: true }).getAttribute('type')).toBe('password');
    await page.getByText(/create a StoreHippo user with a read-only role/i).first().waitFor();
    await page.getByText(/Risk:.*non-expiring key/).first().waitFor();
    await page.getByText(/Advance Settings › Access Keys \(untick Enable/).first().waitFor();
    expect(await page.getByRole('link', { name: `Open the admin of ${NAME}` }).first().getAttribute('href')).toBe(`${env.hippo.origin}/admin`);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/storehippo-home-form-360.png`, fullPage: true });

    // pasted in the quotes a chat or a document puts around it
    await pasteKey(page, `\u2018${DEMO_KEYS.readOnly}\u2019`);
    await page.getByText('Connected · can browse products; not allowed to see orders or coupons, or to edit products').waitFor();
    expect(await readSessionKeys(page)).toEqual(['session:hippo']);
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.getByRole('link', { name: `Browse ${NAME}` }).click();
    await page.getByRole('heading', { name: NAME, level: 1 }).waitFor();
    await expect.poll(() => loadedProducts(page)).toBeGreaterThanOrEqual(24);
    // the second page: loaded ahead as the grid's end comes near, or on Load more
    await expect
      .poll(() => stepToNextPage(page))
      .toBeGreaterThanOrEqual(48);
    const starts = productRequests(env.hippo)
      .map((r) => new URLSearchParams(r.search))
      .filter((p) => p.has('start')); // (the probe asked limit=1 without a start)
    const grid = starts.filter((p) => p.get('limit') === '24').map((p) => p.get('start'));
    expect(grid[0]).toBe('0');
    expect(grid).toContain('24');
    expect(starts.every((p) => p.get('total') === '1' && Number(p.get('limit')) <= 50)).toBe(true);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/storehippo-catalogue-1280.png` });
    // the seed's javascript: image (product [6]) is dropped; relative paths came out absolute on the CDN
    // (cards drawn during the fast scroll above hold their pictures until it has settled: waited for)
    const mainImages = page.locator('main img');
    await expect.poll(() => mainImages.count()).toBeGreaterThan(0);
    const sources = await mainImages.evaluateAll((imgs) => imgs.map((img) => img.getAttribute('src') ?? ''));
    expect(sources.every((src) => /^https?:\/\//.test(src))).toBe(true);

    // search: a name regex in the JSON filters, and the box says it matches the name only
    expect(await page.getByRole('searchbox', { name: 'Search' }).getAttribute('placeholder')).toBe('Product name');
    const word = ((await cards(page).first().locator('h3').textContent()) ?? '').trim().split(' ')[0] ?? '';
    await page.getByRole('searchbox', { name: 'Search' }).fill(word);
    await expect.poll(() => hash(page)).toContain(`q=${word}`);
    await expect.poll(async () => ((names) => names.length > 0 && names.every((n) => n.toLowerCase().includes(word.toLowerCase())))(await cards(page).locator('h3').allTextContents())).toBe(true);
    const filtersSent = () => productRequests(env.hippo).map((r) => new URLSearchParams(r.search).get('filters') ?? '');
    await expect.poll(filtersSent).toContain(JSON.stringify([{ field: 'name', operator: 'regex', value: word }]));
    await page.getByRole('searchbox', { name: 'Search' }).fill('');
    await expect.poll(() => loadedProducts(page)).toBeGreaterThanOrEqual(24);

    // category and sort: categories in the filters, sort=price
    // the filter shows names made from the aliases ("home-decor" -> "Home decor"), and sends the alias back
    const category = page.getByRole('combobox', { name: 'Category' });
    await expect
      .poll(async () => (await category.locator('option').allInnerTexts()).filter((t) => t !== 'All categories').sort())
      .toEqual(['Bags', 'Home decor', 'Kitchen', 'Shirts', 'Shoes', 'Summer']);
    await category.selectOption('Home decor');
    await expect.poll(() => decodeURIComponent(hash(page)).replaceAll('+', ' ')).toContain('category=Home decor');
    await page.getByRole('combobox', { name: 'Sort by' }).selectOption('price');
    await expect.poll(() => hash(page)).toContain('sort=price');
    const categoryFilter = JSON.stringify([{ field: 'categories', operator: 'in', value: ['home-decor'] }]);
    await expect
      .poll(() => productRequests(env.hippo).some((r) => new URLSearchParams(r.search).get('sort') === 'price' && new URLSearchParams(r.search).get('filters') === categoryFilter))
      .toBe(true);
    await expect.poll(() => cards(page).count()).toBeGreaterThan(0);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/storehippo-category-1280.png` });

    // an address saved before names were shown (?category=home-decor): read as "Home decor", the address rewritten in place
    const entries = await page.evaluate(() => history.length);
    await page.goto(`${env.app.url}#/s/hippo?category=home-decor`);
    await expect.poll(() => decodeURIComponent(hash(page)).replaceAll('+', ' ')).toContain('category=Home decor');
    await expect.poll(() => category.inputValue()).toBe('Home decor');
    expect((await category.locator('option').allInnerTexts()).filter((t) => t !== 'All categories').sort()).toEqual(['Bags', 'Home decor', 'Kitchen', 'Shirts', 'Shoes', 'Summer']);
    await expect.poll(async () => (await page.locator('main').textContent()) ?? '').toMatch(/\d+ products? in Home decor/);
    expect((await page.locator('main').textContent()) ?? '').not.toContain('home-decor');
    expect(await page.evaluate(() => history.length)).toBe(entries + 1);
    await page.goBack();
    await expect.poll(() => hash(page)).toContain('sort=price');

    // a product: its image from the CDN origin, drawn; its category by name; editing locked in StoreHippo's words
    await cards(page).first().getByRole('link').first().click();
    const heading = page.locator('main h1');
    await heading.waitFor();
    await page.locator('main').getByRole('link', { name: 'Home decor', exact: true }).waitFor();
    expect(await page.locator('main').getByText('home-decor', { exact: true }).count()).toBe(0);
    const cdnImages = page.locator(`main img[src^="${env.hippo.cdnOrigin}/s/"]`);
    await expect.poll(() => cdnImages.count()).toBeGreaterThan(0);
    await expect.poll(() => cdnImages.first().evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Manage this product (store owners)' }).click();
    await page.getByText(/Editing products is not allowed .*\. Give the key’s user a role that allows it in StoreHippo Admin › Users\. Then check again, or use another key\./).waitFor();
    const productName = ((await heading.textContent()) ?? '').trim();
    await page.reload();
    await page.getByRole('heading', { name: productName, level: 1 }).waitFor();
    await expect.poll(() => cdnImages.count()).toBeGreaterThan(0);
    await page.setViewportSize({ width: 360, height: 800 });
    // the header on a phone: the store's name whole (not cut short) beside "Forget key", which fits
    // whole and is called what it does for this store
    const storeName = page.getByRole('banner').locator('.store-name');
    await expect.poll(() => storeName.evaluate((el) => el.scrollWidth <= el.clientWidth && el.scrollHeight <= el.clientHeight)).toBe(true);
    expect(await storeName.textContent()).toBe(NAME);
    const forgetKey = page.getByRole('banner').getByRole('button', { name: `Forget key for ${NAME}`, exact: true });
    // what is seen (the store's name is read, not shown), whole within the button
    const seen = await forgetKey.evaluate((b) => [
      [...(b.firstElementChild?.childNodes ?? [])].filter((n) => !(n instanceof Element && n.classList.contains('visually-hidden'))).map((n) => n.textContent).join('').trim(),
      b.scrollWidth <= b.clientWidth,
    ]);
    expect(seen).toEqual(['Forget key', true]);
    await page.getByRole('button', { name: 'Manage this product (store owners)' }).click();
    await page.getByText(/Editing products is not allowed .* Then check again, or use another key\./).waitFor();
    await page.screenshot({ path: `${SCREENSHOT_DIR}/storehippo-product-360.png`, fullPage: true });
    // no Embed tab: StoreHippo has no public storefront key, and the access key never goes into a page
    expect(await page.getByRole('navigation', { name: 'Store' }).getByRole('link', { name: /Embed/ }).count()).toBe(0);
    await page.goto(`${env.app.url}#/s/hippo/embed`);
    await page.getByText(/StoreHippo has no public storefront key/).waitFor();
    // to the shop's site config.json names, in a new tab
    const site = page.getByRole('link', { name: /the store’s own site/ });
    expect(await site.getAttribute('href')).toBe('https://veg.example/');
    expect(await site.getAttribute('target')).toBe('_blank');
    // not a dead end: back to where the person was browsing (the catalogue last seen, Home decor by
    // price, kept through the product page's reload: catalog-back.ts)
    await page.getByRole('link', { name: 'Back to the catalogue' }).click();
    await expect.poll(() => hash(page)).toBe('#/s/hippo?category=Home+decor&sort=price');

    // orders and coupons: locked with the reason, no "Grant access" (a key has no scopes)
    await page.goto(`${env.app.url}#/s/hippo/orders`);
    await page.getByText(/Seeing the store’s orders is not allowed .*\. Give the key’s user a role that allows it in StoreHippo Admin › Users\. Then check again, or use another key\./).waitFor();
    expect(await page.getByRole('button', { name: /Grant access/ }).count()).toBe(0);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/storehippo-orders-locked-360.png`, fullPage: true });
    await page.goto(`${env.app.url}#/s/hippo/coupons`);
    await page.getByRole('note').filter({ hasText: 'coupon' }).filter({ hasText: 'is not allowed' }).getByRole('button', { name: 'Use another key' }).waitFor();

    // the key went in the access-key header only: never a URL, never outside the sealed vault, never the console
    expect(env.hippo.requests().every((r) => !SECRETS.some((s) => r.search.includes(s) || r.path.includes(s)))).toBe(true);
    expect(env.hippo.requests().filter((r) => r.listener === 'cdn').every((r) => r.headers['access-key'] === undefined)).toBe(true);
    const other = await readOtherStorage(page);
    for (const secret of SECRETS) {
      expect(other.includes(secret)).toBe(false);
      expect(page.url().includes(secret)).toBe(false);
      expect(lines.join('\n').includes(secret)).toBe(false);
    }
  });

  it('a reload well down the catalogue comes back to the same card, the pages up to it asked for together', async () => {
    const env = await startEnv();
    const { page } = await openHome(env, 1280);
    await pasteKey(page, DEMO_KEYS.readOnly);
    await page.getByRole('link', { name: `Browse ${NAME}` }).click();
    await expect.poll(() => loadedProducts(page)).toBeGreaterThanOrEqual(24);
    // All 120 loaded (nothing more loads while the place is read), then 60% of the way down.
    await expect.poll(() => stepToNextPage(page), { timeout: 15_000 }).toBe(120);
    await page.evaluate(() => scrollTo({ top: document.documentElement.scrollHeight * 0.6, behavior: 'instant' }));
    await page.waitForTimeout(700); // the place is kept a little after the scroll stops
    const { height: _height, ...before } = await readPlace(page);
    expect(before.position).toBeGreaterThan(48);

    // Each page of products held 200 ms on its way: pages asked for one after another never overlap.
    let inFlight = 0;
    let most = 0;
    await page.route(/\/ms\.products\?/, async (route) => {
      most = Math.max(most, ++inFlight);
      await new Promise((resolve) => setTimeout(resolve, 200));
      inFlight--;
      await route.continue();
    });
    await page.reload();
    await expect.poll(async () => { const { height: _h, ...now } = await readPlace(page); return now; }, { timeout: 10_000 }).toEqual(before);
    expect(most).toBeGreaterThanOrEqual(2);
  }, 90_000); // 120 products loaded, then five pages asked for again at the reload: 37 s in a quiet CI run (2026-12-07)

  it('a manager key sees orders and coupons, edits a product the server keeps (Back: its card as saved); a 429 while browsing shows the wait and then the page', async () => {
    const env = await startEnv();
    const { page } = await openHome(env);
    await pasteKey(page, DEMO_KEYS.manager);
    await page.getByText('Connected · can browse products, see orders and coupons, and edit products').waitFor();
    await page.goto(`${env.app.url}#/s/hippo/orders`);
    await page.getByRole('table').getByText(/OID\d+/).first().waitFor();
    await page.screenshot({ path: `${SCREENSHOT_DIR}/storehippo-orders-1280.png`, fullPage: true });
    await page.goto(`${env.app.url}#/s/hippo/coupons`);
    await page.locator('main ul.coupons li').first().waitFor();
    // the coupon not enabled in StoreHippo Admin is named, with why, under the title before the coupons (it was left out without a word)
    const notListed = page.getByRole('list', { name: '1 coupon is not listed here:' });
    expect(await notListed.getByRole('listitem').allInnerTexts()).toEqual(['1 is not enabled: “OLDSALE”.']);
    expect(await notListed.evaluate((list) => list.compareDocumentPosition(document.getElementById('active-title')!) & Node.DOCUMENT_POSITION_FOLLOWING)).toBeTruthy();
    expect(await page.locator('main li code').getByText('OLDSALE', { exact: true }).count()).toBe(0);
    await page.goto(`${env.app.url}#/s/hippo`);
    await expect.poll(() => cards(page).count()).toBeGreaterThan(0);
    // products are added in StoreHippo's own admin (the contract has no way for an app): not offered here
    expect(await page.getByRole('button', { name: 'New product' }).count()).toBe(0);
    await cards(page).first().getByRole('link').first().click();
    const id = hash(page).split('/product/')[1]?.split(/[?/]/)[0] ?? '';
    const form = page.getByRole('form', { name: 'Edit product' });
    await form.waitFor();
    await form.getByLabel('Name').fill('Edited in Chromium');
    await form.getByLabel('Description').fill('<p>Now <strong>edited</strong> here.</p>');
    await form.getByRole('button', { name: /^Save/ }).click();
    await page.getByRole('heading', { name: 'Edited in Chromium', level: 1 }).waitFor();
    expect(env.hippo.getProduct(id)?.name).toBe('Edited in Chromium');
    expect(env.hippo.getProduct(id)?.description).toBe('<p>Now <strong>edited</strong> here.</p>');
    await page.locator('section.description strong', { hasText: 'edited' }).waitFor();
    // Back: the catalogue comes from memory (no request for its first page) with the card as saved, not
    // as listed. A page further on may be asked for as the list loads ahead, on a busy machine after Back
    // (CI: 5 list requests where 4 were counted): not the list read again.
    const listRequests = () =>
      env.hippo.requests().filter((r) => r.method === 'GET' && r.path === '/api/1.1/entity/ms.products' && Number(new URLSearchParams(r.search).get('start') ?? 0) === 0).length;
    const listed = listRequests();
    expect(listed).toBeGreaterThan(0);
    await page.goBack();
    await cards(page).first().getByRole('heading', { name: 'Edited in Chromium' }).waitFor();
    expect(listRequests()).toBe(listed);
    const put = env.hippo.requests().find((r) => r.method === 'PUT');
    expect(put?.path).toBe(`/api/1.1/entity/ms.products/${id}`);
    expect(put?.headers['content-type']).toContain('application/json');

    // a refusal StoreHippo tells in the body (`error`) at status 200, as its own SDK reads it: not
    // "Saved", the store's words shown, what was typed kept, nothing changed at the store
    env.hippo.refuseEdits({ status: 200, message: 'A product with this name already exists.' });
    await cards(page).first().getByRole('link').first().click();
    await form.waitFor();
    await form.getByLabel('Name').fill('Refused in Chromium');
    await form.getByRole('button', { name: /^Save/ }).click();
    const refused = page.getByRole('alert').filter({ hasText: 'The store did not save this' });
    await refused.getByText('The store said: “A product with this name already exists.”').waitFor();
    expect(await form.getByLabel('Name').inputValue()).toBe('Refused in Chromium');
    expect(await page.getByRole('status').filter({ hasText: /^Saved\.$/ }).count()).toBe(0);
    expect(env.hippo.getProduct(id)?.name).toBe('Edited in Chromium');
    for (const width of [360, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      await refused.scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${SCREENSHOT_DIR}/storehippo-refused-in-body-${width}.png` });
    }
    env.hippo.refuseEdits(null);

    // 429 while browsing: the key's allowance spent (by another client on the same key), every
    // request refused until the test lifts the limit. (Spending a limit of 1 from here raced the
    // second's edge: under load the search came first, or in a fresh second, and was answered.)
    await page.goto(`${env.app.url}#/s/hippo`);
    await expect.poll(() => loadedProducts(page)).toBeGreaterThanOrEqual(24);
    env.hippo.setRateLimit(0);
    try {
      await page.getByRole('searchbox', { name: 'Search' }).fill('zzz-none');
      await page.getByRole('status').filter({ hasText: /Hippo Demo asked us to slow down\. Retrying in 1 s/ }).waitFor();
    } finally {
      env.hippo.setRateLimit(null);
    }
    await page.getByText(/No products/).first().waitFor();
  });

  it('among several stores: Connect opens the form, the key connects, and Forget puts the focus back on the store’s Connect, its form closed', async () => {
    const env = await startEnv(true);
    const { page } = await openHome(env);
    const connect = page.getByRole('button', { name: `Connect ${NAME}`, exact: true });
    const focusedName = () => page.evaluate(() => document.activeElement?.textContent?.replace(/\s+/g, ' ').trim());
    expect(await page.locator('form').count()).toBe(0);
    await connect.click();
    // the focus is in the preselected mode's field, ready for the key (it was on the mode's radio,
    // named "Access key" like the field, where a pasted key went nowhere)
    const keyField = page.getByRole('textbox', { name: 'Access key', exact: true });
    await hasFocus(keyField);
    await page.keyboard.insertText(DEMO_KEYS.readOnly);
    await page.keyboard.press('Enter');
    await page.getByText(/^Connected · /).waitFor();
    await expect.poll(focusedName).toBe(`Browse ${NAME}`);
    // the other store's card stayed as it was: its own Connect, no form
    expect(await page.getByRole('button', { name: 'Connect Fruit Shop', exact: true }).getAttribute('aria-expanded')).toBe('false');

    await forgetCredentials(page, NAME);
    await page.getByRole('status').filter({ hasText: /forgot the credentials for/ }).waitFor();
    await expect.poll(focusedName).toBe(`Connect ${NAME}`);
    expect(await connect.getAttribute('aria-expanded')).toBe('false');
    expect(await page.locator('form').count()).toBe(0);
    expect((await readVaultKeys(page)).filter((k) => k.includes('hippo'))).toEqual(['signed-out:hippo']);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/storehippo-several-forgotten-1280.png`, fullPage: true });
  });
});

describe('StoreHippo’s screens to a keyboard and a screen reader', () => {
  it('each screen passes axe (WCAG 2.1 A/AA, and a sound outline) at 360 px light and 1280 px dark; the focus follows connect, a refused key, Manage, Check again and another key', async () => {
    const env = await startEnv(true);
    const { page } = await openHome(env, 360);
    const { problems, audit, catalogueThenProduct, anotherKeyOnCoupons } = screenAudits(page, 'storehippo');
    const keyField = page.getByRole('textbox', { name: 'Access key', exact: true });

    await page.getByRole('button', { name: `Connect ${NAME}`, exact: true }).click();
    await hasFocus(keyField);
    await audit('form');
    await pasteKey(page, DEMO_KEYS.disabled);
    await page.getByRole('alert').filter({ hasText: 'StoreHippo did not accept this access key' }).waitFor();
    await hasFocus(keyField);
    await audit('form-refused');
    await pasteKey(page, DEMO_KEYS.readOnly);
    const browse = page.getByRole('link', { name: `Browse ${NAME}` });
    await hasFocus(browse);
    await audit('home-connected');

    await browse.click();
    await catalogueThenProduct(page.locator('main h1'));
    // The button goes with the section it opens: the focus is on the section's heading, read first
    // (then the lock under it), not dropped to the page.
    await page.getByRole('button', { name: 'Manage this product (store owners)' }).click();
    await hasFocus(page.getByRole('heading', { name: 'Manage this product', level: 2 }));
    await audit('product-locked');

    // Check again, nothing changed at the store: said, and the focus stays on the button
    await page.goto(`${env.app.url}#/s/hippo/orders`);
    const checkAgain = page.getByRole('button', { name: 'Check again' });
    await checkAgain.click();
    await page.getByRole('status').filter({ hasText: `Checked: ${NAME} still does not allow it.` }).waitFor();
    await hasFocus(checkAgain);
    await audit('orders-locked');
    await page.goto(`${env.app.url}#/s/hippo/embed`);
    await page.getByText(/StoreHippo has no public storefront key/).waitFor();
    await audit('embed-unavailable');

    // Use another key: the focus in its field; the manager's key unlocks Coupons, the focus on their heading
    await page.goto(`${env.app.url}#/s/hippo/coupons`);
    await anotherKeyOnCoupons(keyField, () => pasteKey(page, DEMO_KEYS.manager));
    expect(problems).toEqual([]);
  }, AXE_FLOW_TIMEOUT);
});
