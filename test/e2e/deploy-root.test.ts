/**
 * The app deployed at the root of an origin of its own (as docs/deployment.md advises), its
 * config.json written by hand as a site owner writes it: `redirectUri` as the origin alone, without
 * the closing slash the browser adds to the page's address. Photographed at 360 px
 * (.test-artifacts/screenshots/failure-redirect-uri-without-slash.png).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { ConsoleLog } from '../helpers/browser.ts';
import { useE2e } from '../helpers/e2e-fixture.ts';
import { STORE_NAME, connectThroughConsent } from '../helpers/e2e-app.ts';
import { openFailurePage, useFailureScreens } from '../helpers/failure-screens.ts';

let page: Page;
let log: ConsoleLog;

const e2e = useE2e({ app: { basePath: '/' } });
const { shoot } = useFailureScreens(() => ({ page, log }));

describe('a redirectUri written without the closing slash, the app at the root of its origin', () => {
  afterEach(() => e2e.env.app.setOverride('config.json', JSON.stringify({ stores: e2e.env.stores })));

  it('is this page: Connect goes to the store, which sends the person back here, connected', async () => {
    // Registered with the store as written in config.json, as its owner would.
    const written = new URL(e2e.env.app.url).origin;
    expect(e2e.env.app.url).toBe(`${written}/`);
    e2e.env.store.addClient({ clientId: 'owner-app', name: 'Owner app', redirectUris: [written] });
    e2e.env.app.setOverride('config.json', JSON.stringify({ stores: e2e.env.stores.map((s) => (s.id === 'demo' ? { ...s, clientId: 'owner-app', redirectUri: written } : s)) }));
    ({ page, console: log } = await openFailurePage(e2e));
    await connectThroughConsent(page, STORE_NAME);
    await page.waitForURL((url) => url.hash.startsWith('#/s/demo'));
    await page.getByRole('button', { name: `Sign out of ${STORE_NAME}` }).first().waitFor();
    expect(await page.getByText(/cannot send you back/).count()).toBe(0);
    await shoot('redirect-uri-without-slash');
  });
});
