/**
 * What the person sees when the deployment's config.json is at fault, in Chromium against the demo
 * store: missing, broken (invalid JSON, a comment, a misspelt key, a pasted secret, an id every
 * object has, a bad field), not reached (the connection went after the page came), and a store's
 * address the deployment's security headers were not made for. Each error screen is photographed
 * at 360 px (.test-artifacts/screenshots/failure-config-*.png and others) to be looked at.
 * The other failures-*.test.ts files: storage, code that does not download, sign-in, the store.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { ConsoleLog } from '../helpers/browser.ts';
import { useE2e } from '../helpers/e2e-fixture.ts';
import { STORE_NAME, connectThroughConsent } from '../helpers/e2e-app.ts';
import { openFailurePage, useFailureScreens } from '../helpers/failure-screens.ts';

let page: Page;
let log: ConsoleLog;

const e2e = useE2e({ app: {} });
const { shoot, expectNoTechnicalLeak } = useFailureScreens(() => ({ page, log }));

/** A fresh phone-sized browser (360 px wide) on the app. */
async function openApp(): Promise<void> {
  ({ page, console: log } = await openFailurePage(e2e));
}

describe('a store config.json names that the deployment’s headers were not made for', () => {
  afterEach(() => e2e.env.app.setOverride('config.json', JSON.stringify({ stores: e2e.env.stores })));

  it('is said to be the site’s security policy (run npm run csp), not the store’s CORS', async () => {
    // config.json edited (the store's API now at another address), _headers not made again: the
    // Content-Security-Policy still lists the old address only.
    const moved = e2e.env.store.origin.replace('127.0.0.1', 'localhost');
    e2e.env.app.setOverride('config.json', JSON.stringify({ stores: e2e.env.stores.map((s) => (s.id === 'demo' ? { ...s, apiBase: moved } : s)) }));
    await openApp();
    await connectThroughConsent(page, STORE_NAME);
    const alert = page.getByRole('alert').filter({ hasText: 'This site is not set up to reach the store' });
    await alert.waitFor();
    await expect.poll(() => alert.textContent()).toContain(`does not allow ${moved}`);
    await expect.poll(() => alert.textContent()).toContain('npm run csp');
    expect(await page.getByText('(CORS)').count()).toBe(0);
    await shoot('blocked-by-own-csp');
    await expectNoTechnicalLeak();
  });

  it('a credentials form says the same, not the store’s CORS, and keeps what was pasted', async () => {
    // A Shopware shop added to config.json, _headers not made again: the request never leaves the
    // browser (its own policy blocks it), so no shop needs to run at that address.
    const added = e2e.env.store.origin.replace('127.0.0.1', 'localhost');
    const shop = { id: 'added-shop', kind: 'shopware6', name: 'Added Shop', apiBase: added };
    e2e.env.app.setOverride('config.json', JSON.stringify({ stores: [...e2e.env.stores, shop] }));
    await openApp();
    await page.getByRole('listitem').filter({ hasText: 'Added Shop' }).getByRole('button', { name: /^Connect/ }).click();
    await page.getByLabel('Access key ID').fill('SWIAADDEDSHOP000000000001');
    await page.getByLabel('Secret access key').fill('addedShopSecret');
    await page.getByRole('button', { name: /with the integration key/ }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'This site is not set up to reach the store' });
    await alert.waitFor();
    await expect.poll(() => alert.textContent()).toContain(`does not allow ${added}`);
    await expect.poll(() => alert.textContent()).toContain('npm run csp');
    expect(await alert.textContent()).toContain('what you entered is kept');
    expect(await page.getByText('(CORS)').count()).toBe(0);
    expect(await page.getByLabel('Secret access key').inputValue()).toBe('addedShopSecret');
    await shoot('blocked-by-own-csp-credentials');
    await expectNoTechnicalLeak();
  });
});

describe('config.json missing or broken', () => {
  const goodConfig = () => JSON.stringify({ stores: e2e.env.stores });
  afterEach(() => e2e.env.app.setOverride('config.json', goodConfig()));

  const cases: Array<{ name: string; body: string | null; heading: RegExp; field?: string; hint: RegExp }> = [
    {
      name: 'missing',
      body: null,
      heading: /has no configuration/,
      hint: /Put a config\.json file next to index\.html/,
    },
    {
      name: 'invalid-json',
      body: '{ "stores": [ { "id": "demo", } ',
      heading: /configuration has a problem/,
      hint: /not valid JSON at line 1, column 31; check for a missing comma, quote or bracket \(JSON allows no comments and no comma after the last item\)/,
    },
    {
      // A comment at the very start: Chromium's parser names no place; the comment's line is named.
      name: 'comment',
      body: '// Acme deployment\n{ "stores": [] }',
      heading: /configuration has a problem/,
      hint: /config\.json has a comment at line 1; JSON allows no comments: remove it\./,
    },
    {
      // The last store removed, its comma left: Chromium's parser names no place; the comma's is named.
      name: 'trailing-comma',
      body: '{\n  "stores": [\n    { "id": "demo" },\n  ]\n}',
      heading: /configuration has a problem/,
      hint: /config\.json has a comma after the last item at line 3, column 21; JSON allows none: remove it\./,
    },
    {
      // The checker loads only for a file with keys a platform did not ask for (config-lint.ts).
      name: 'misspelt-key',
      body: 'MISSPELT_KEY',
      heading: /configuration has a problem/,
      field: 'stores[1].revocationEndPoint',
      hint: /This platform has no "revocationEndPoint"; did you mean "revocationEndpoint"\?/,
    },
    {
      // A key every store has, misspelt: named as the typo, not as apiBase missing.
      name: 'misspelt-common-key',
      body: 'MISSPELT_API_BASE',
      heading: /configuration has a problem/,
      field: 'stores[0].apiBAse',
      hint: /This platform has no "apiBAse"; did you mean "apiBase"\?/,
    },
    {
      // One scope written without the list's brackets.
      name: 'list-without-brackets',
      body: 'SCOPES_TEXT',
      heading: /configuration has a problem/,
      field: 'stores[0].defaultScopes',
      hint: /Write a list of at least one of storefront, cart, admin, in square brackets, like \["storefront"\]\./,
    },
    {
      // A secret pasted into the public file: remove the key, and replace the secret at the store.
      name: 'pasted-secret',
      body: 'PASTED_SECRET',
      heading: /configuration has a problem/,
      field: 'stores[0].clientSecret',
      hint: /Remove this key: secrets are entered in the app when connecting, never in config\.json, which anyone can download\. If it held a real secret that was ever deployed, replace that secret at the store\./,
    },
    {
      // A name every JavaScript object has: the screens look stores up by id in plain objects.
      name: 'object-member-id',
      body: 'CONSTRUCTOR_ID',
      heading: /configuration has a problem/,
      field: 'stores[1].id',
      hint: /and not "constructor", a name every JavaScript object has/,
    },
    {
      // The API's address copied with its path: every request would be answered 404.
      name: 'api-path',
      body: 'API_PATH',
      heading: /configuration has a problem/,
      field: 'stores[0].apiBase',
      hint: /Write apiBase without the trailing \/api\/v1: it is the store's address, and the app adds the API's path itself\./,
    },
    {
      name: 'bad-field',
      body: 'BAD_API_BASE',
      heading: /configuration has a problem/,
      field: 'stores[0].apiBase',
      hint: /Use an https:\/\/ URL for apiBase/,
    },
  ];
  for (const c of cases) {
    it(`${c.name}: a page names what is wrong and how to fix it`, async () => {
      const [first, second] = e2e.env.stores;
      const built: Record<string, unknown> = {
        BAD_API_BASE: { stores: [{ ...first, apiBase: 'ftp://x' }, second] },
        API_PATH: { stores: [{ ...first, apiBase: `${first!.apiBase}/api/v1` }, second] },
        CONSTRUCTOR_ID: { stores: [first, { ...second, id: 'constructor' }] },
        PASTED_SECRET: { stores: [{ ...first, clientSecret: 'sk-live-PASTED' }, second] },
        MISSPELT_API_BASE: { stores: [{ ...first, apiBase: undefined, apiBAse: first!.apiBase }, second] },
        SCOPES_TEXT: { stores: [{ ...first, defaultScopes: 'storefront' }, second] },
        MISSPELT_KEY: { stores: [first, { ...second, revocationEndpoint: undefined, revocationEndPoint: second!.revocationEndpoint }] },
      };
      const body = c.body !== null && Object.hasOwn(built, c.body) ? JSON.stringify(built[c.body]) : c.body;
      e2e.env.app.setOverride('config.json', body);
      if (c.body === null) {
        const response = await fetch(`${e2e.env.app.url}config.json`);
        expect(response.status).toBe(404);
      }
      await openApp();
      await page.getByRole('heading', { level: 1, name: c.heading }).waitFor();
      // The field, and which store it is in counted from 1 (the path counts from 0).
      const nth = ['1st', '2nd'][Number(/^stores\[(\d)\]/.exec(c.field ?? '')?.[1])];
      if (c.field) await page.getByText('Field at fault:').filter({ hasText: `${c.field}, in the ${nth} store of the stores list` }).waitFor();
      else expect(await page.getByText('Field at fault:').count()).toBe(0);
      await page.getByText(c.hint).waitFor();
      await page.getByRole('button', { name: 'Reload' }).waitFor();
      // The tab (and a screen reader's title) says what the page is, not just the app's name.
      expect(await page.title()).toBe('Configuration problem – Storefront Connect');
      await shoot(`config-${c.name}`);
      await expectNoTechnicalLeak();
      expect(await page.locator('body').innerText()).not.toContain('sk-live-PASTED'); // the field is named, its value never shown
      // Nothing overflows sideways at 360 px.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

      if (c.name === 'missing') {
        // Reload while the browser is offline: the page stays (a reload would show the browser's
        // own error page instead) and says why nothing happened.
        await page.context().setOffline(true);
        await page.getByRole('button', { name: 'Reload' }).click();
        await page.getByRole('alert').filter({ hasText: 'This browser is offline: reload once it is back online.' }).waitFor();
        await page.getByRole('heading', { level: 1, name: c.heading }).waitFor();
        await shoot('config-missing-reload-offline');
        await page.context().setOffline(false);
      }

      // Fixing the file and pressing Reload brings the app up.
      e2e.env.app.setOverride('config.json', goodConfig());
      await page.getByRole('button', { name: 'Reload' }).click();
      await page.getByRole('heading', { name: 'Your stores' }).waitFor();
    });
  }
});

describe('config.json not reached (the page came, then the connection went)', () => {
  it('says the connection is at fault, not the deployment, and Try again brings the app up', async () => {
    ({ page, console: log } = await e2e.open({ width: 360, height: 780 }));
    await page.route(/\/config\.json$/, (route) => route.abort('internetdisconnected'));
    try {
      await page.goto(e2e.env.app.url);
      const alert = page.getByRole('alert').filter({ hasText: 'Part of this app could not be loaded' });
      await alert.getByText(/Check your connection, then try again\./).waitFor();
      // Not the page for whoever deploys the site: the file is there, this browser did not reach it.
      expect(await page.getByRole('heading', { name: /configuration/ }).count()).toBe(0);
      expect(await page.title()).toBe('Could not start – Storefront Connect');
      await shoot('config-unreachable');
      await expectNoTechnicalLeak();
    } finally {
      await page.unroute(/\/config\.json$/);
    }
    await page.getByRole('button', { name: 'Try again' }).click();
    await page.getByRole('heading', { name: 'Your stores' }).waitFor();
  });
});
