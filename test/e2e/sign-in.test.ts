import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { ConsoleLog } from '../helpers/browser.ts';
import { useE2e } from '../helpers/e2e-fixture.ts';
import { join } from 'node:path';
import { SCREENSHOT_DIR } from '../helpers/paths.ts';
import { hasFocus } from '../helpers/screen-audits.ts';
import { ageSignInsInFlight } from '../helpers/sign-ins-in-flight.ts';
import {
  STORE_NAME,
  answerConsent,
  grantFromOrders,
  connectThroughConsent,
  readOtherStorage,
  callbackParam,
  readSealedRecord,
  readSessionKeys,
  recordCallbacks,
} from '../helpers/e2e-app.ts';

let page: Page;
let log: ConsoleLog;
/** Every redirect the store sent back to the app (the raw callback URLs, secrets included). */
let callbacks: string[];

const e2e = useE2e({ app: { store: { maxScopes: ['storefront', 'cart', 'admin'] } } });

async function openApp(): Promise<void> {
  ({ page, console: log } = await e2e.open());
  callbacks = recordCallbacks(page, e2e.env.app.url);
  await page.goto(e2e.env.app.url);
  await page.getByRole('heading', { name: 'Your stores' }).waitFor();
}
/** After a callback: no secret in the address bar, other storage or the console. */
async function expectNoSecretsLeft(secrets: string[]): Promise<void> {
  const url = page.url();
  for (const name of ['access_token', 'code=', 'state=', 'token_type']) expect(url).not.toContain(name);
  const other = await readOtherStorage(page);
  const consoleText = log.lines.join('\n');
  for (const secret of secrets) {
    expect(url).not.toContain(secret);
    expect(other).not.toContain(secret);
    expect(consoleText).not.toContain(secret);
  }
}


describe('sign-in with the client-side flow (response_type=token)', () => {
  it('ends in the catalogue, survives a reload, and sign out forgets it', async () => {
    await openApp();
    await connectThroughConsent(page, STORE_NAME);
    await page.getByRole('heading', { name: STORE_NAME, level: 1 }).waitFor();
    expect(callbacks).toHaveLength(1);
    const token = callbackParam(callbacks[0]!, 'access_token');
    expect(token.length).toBeGreaterThan(10);
    await expectNoSecretsLeft([token, callbackParam(callbacks[0]!, 'state')]);
    expect(new URL(page.url()).hash).toBe('#/s/demo');
    expect(await readSessionKeys(page)).toEqual(['session:demo']);

    await page.reload();
    await page.getByRole('heading', { name: STORE_NAME, level: 1 }).waitFor();
    await expect.poll(() => page.getByRole('listitem').filter({ has: page.getByRole('article') }).count()).toBeGreaterThan(0);

    // Each live region is marked with what it said as it came onto the page (a11y audit, finding 9:
    // the stores list's note came filled with the new screen, and no screen reader said it).
    await page.evaluate(() => {
      new MutationObserver((records) => {
        for (const node of records.flatMap((r) => [...r.addedNodes])) {
          if (!(node instanceof Element)) continue;
          for (const region of [node, ...node.querySelectorAll('[role="status"]')]) {
            if (region.getAttribute('role') === 'status') region.setAttribute('data-arrived-with', region.textContent.trim());
          }
        }
      }).observe(document.body, { childList: true, subtree: true });
    });
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Your stores' }).waitFor();
    const connectButton = page.getByRole('button', { name: `Connect ${STORE_NAME}`, exact: true });
    await connectButton.waitFor();
    const topAtArrival = (await connectButton.boundingBox())!.y;
    expect(await readSessionKeys(page)).toEqual([]);
    // Said (its live region was there, empty, before its words), and the store's Connect focused, as
    // the card's own Sign out does.
    const note = page.getByRole('status').filter({ hasText: `Signed out of ${STORE_NAME}.` });
    await note.waitFor();
    expect(await note.getAttribute('data-arrived-with')).toBe('');
    const connect = page.getByRole('button', { name: `Connect ${STORE_NAME}`, exact: true });
    await expect.poll(() => connect.evaluate((button) => button === document.activeElement)).toBe(true);
    // Nothing moved when the words were said (the note was drawn whole; filled late, it pushed the list 64 px).
    expect((await connect.boundingBox())!.y).toBe(topAtArrival);
    await page.reload();
    await connect.waitFor();
  });

  it('a first visit at 360 px says, before anything is pressed, what Connect does and what the store will ask to allow; the store’s page then asks just that', async () => {
    ({ page, console: log } = await e2e.open({ width: 360 }));
    await page.goto(e2e.env.app.url);
    await page.getByRole('heading', { name: 'Your stores' }).waitFor();
    // The intro: Connect leaves for the store's own page, the password goes there, the person decides.
    await page.getByText('Connect opens the store’s own page: you sign in there, not here, and choose what this app may do.', { exact: false }).waitFor();
    const card = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: STORE_NAME, exact: true }) });
    expect(await card.getByText(/^Not connected · /).textContent()).toBe('Not connected · asks you to allow: Browse products and pages');
    // Nothing to scroll sideways at this width.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'first-visit-360.png'), fullPage: true });

    await card.getByRole('button', { name: `Connect ${STORE_NAME}`, exact: true }).click();
    await page.getByRole('button', { name: 'Allow' }).waitFor();
    // The store's own page (not the app's), asking for the one thing the card named.
    expect(new URL(page.url()).origin).toBe(e2e.env.store.origin);
    expect(await page.getByText('Read products, pages and storefront metadata.').count()).toBe(1);
  });

  it('Deny shows a calm note (no alert) with Connect, and stores nothing', async () => {
    await openApp();
    await connectThroughConsent(page, STORE_NAME, 'Deny');
    await page.getByRole('heading', { name: `You declined access to ${STORE_NAME}` }).waitFor();
    await expect.poll(() => page.getByText('Nothing was connected and nothing was shared.', { exact: false }).count()).toBe(1);
    expect(await page.getByRole('alert').count()).toBe(0);
    expect(await readSessionKeys(page)).toEqual([]);
    expect(page.url()).not.toContain('error=');

    // The note's Connect names the store apart from the card's own "Connect <store>" (both are in
    // the accessibility tree; one name for two buttons did not say which was which).
    expect(await page.getByRole('button', { name: `Connect ${STORE_NAME}`, exact: true }).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Connect', exact: true }).count()).toBe(0);
    // It goes straight back to the store's consent page, and this time Allow connects.
    // and on screen: "Connect after all" beside the card's "Connect" (two buttons that looked the same)
    const again = page.getByRole('status').getByRole('button', { name: `Connect after all to ${STORE_NAME}`, exact: true });
    const shown = (button: HTMLElement) => [...button.childNodes].filter((node) => !(node instanceof Element && node.classList.contains('visually-hidden'))).map((node) => node.textContent).join('').trim();
    expect(await again.evaluate(shown)).toBe('Connect after all');
    expect(await page.getByRole('button', { name: `Connect ${STORE_NAME}`, exact: true }).evaluate(shown)).toBe('Connect');
    await again.click();
    await answerConsent(page, 'Allow');
    await page.getByRole('heading', { name: STORE_NAME, level: 1 }).waitFor();
  });

  it('a store granting fewer scopes than asked: the session holds what was granted', async () => {
    e2e.env.store.setMaxScopes(['storefront']);
    try {
      await openApp();
      await connectThroughConsent(page, STORE_NAME);
      await page.getByRole('heading', { name: STORE_NAME, level: 1 }).waitFor();
      // Ask for admin from the Orders screen: the store still grants storefront only.
      await grantFromOrders(page);
      expect(callbackParam(callbacks.at(-1)!, 'scope')).toBe('storefront');
      await page.getByRole('button', { name: /Grant access/ }).waitFor();
      expect(await page.getByRole('table').count()).toBe(0);
      // Said, not left as if never asked: a calm note, and the lock names what the store did not grant.
      await page.getByRole('status').filter({ hasText: `${STORE_NAME} did not grant “Manage the store”: what needs it stays locked` }).waitFor();
      await page.getByRole('note').filter({ hasText: `Seeing the store’s orders needs permission to “Manage the store”, which ${STORE_NAME} did not grant when it was last asked for.` }).waitFor();
      expect(await page.getByText('You declined the extra access').count()).toBe(0);
      await page.screenshot({ path: join(SCREENSHOT_DIR, 'granted-less-1280.png'), fullPage: true });
      await page.setViewportSize({ width: 360, height: 800 });
      await page.screenshot({ path: join(SCREENSHOT_DIR, 'granted-less-360.png'), fullPage: true });
    } finally {
      e2e.env.store.setMaxScopes(['storefront', 'cart', 'admin']);
    }
  });
});

describe('sign-in with authorization code + PKCE', () => {
  it('ends in the catalogue, survives a reload, leaves no code in the URL, and the code cannot be reused', async () => {
    await openApp();
    const tokenRequests = e2e.env.store.stats().tokenRequests;
    await connectThroughConsent(page, `${STORE_NAME} (PKCE)`);
    await page.getByRole('heading', { name: STORE_NAME, level: 1 }).waitFor();
    expect(e2e.env.store.stats().tokenRequests).toBe(tokenRequests + 1);
    expect(callbacks).toHaveLength(1);
    const code = callbackParam(callbacks[0]!, 'code');
    expect(code.length).toBeGreaterThan(10);
    await expectNoSecretsLeft([code, callbackParam(callbacks[0]!, 'state')]);
    expect(await readSessionKeys(page)).toContain('session:demo-code');

    // The store refuses the same code a second time (and PKCE without the verifier). That reuse
    // also revokes the session's tokens (the contract says so), so no page of ours is open meanwhile.
    await page.goto('about:blank');
    const reuse = await fetch(`${e2e.env.store.origin}/oauth2/access_token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        client_id: e2e.env.stores[1]!.clientId,
        redirect_uri: e2e.env.stores[1]!.redirectUri,
        code,
        code_verifier: 'x'.repeat(43),
      }),
    });
    expect(reuse.status).toBe(400);
    expect(((await reuse.json()) as { error: string }).error).toBe('invalid_grant');

    // Replaying the callback in the browser is refused by the app before any code is sent.
    const codeGrants: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.url() === e2e.env.stores[1]!.tokenEndpoint) {
        const grant = new URLSearchParams(request.postData() ?? '').get('grant_type');
        if (grant === 'authorization_code') codeGrants.push(grant);
      }
    });
    // The store is connected here, so the replay is no error screen: the person lands on the store
    // (whose tokens the code reuse revoked: the API's 401 then asks to reconnect), told calmly that
    // the answer was already used and the connection is as it was (security case 3; step-up.test.ts).
    await page.goto(callbacks[0]!);
    await page.getByRole('heading', { name: STORE_NAME, level: 1 }).waitFor();
    expect(codeGrants).toEqual([]);
    expect(page.url()).not.toContain('code=');
    await page.getByRole('status').filter({ hasText: /was already used \(each can be used once\)/ }).waitFor();
    expect(await page.getByRole('alert').getByText(/already used/).count()).toBe(0);

    await page.reload();
    await page.getByRole('heading', { name: STORE_NAME, level: 1 }).waitFor();
    expect(page.url()).not.toContain('code=');
  });

  it('the store refuses a code request without a PKCE challenge, and the app says so', async () => {
    await openApp();
    const authorize = new URL(e2e.env.stores[1]!.authorizationEndpoint);
    authorize.search = new URLSearchParams({
      response_type: 'code',
      client_id: e2e.env.stores[1]!.clientId,
      redirect_uri: e2e.env.stores[1]!.redirectUri,
      scope: 'storefront',
      state: 'not-from-this-browser',
    }).toString();
    await page.goto(authorize.toString());
    await page.waitForURL((url) => url.href.startsWith(e2e.env.app.url));
    await page.getByRole('alert').waitFor();
    expect(callbacks.at(-1)).toContain('error=invalid_request');
    expect(await readSessionKeys(page)).toEqual([]);
  });
});

describe('more access asked for, and declined', () => {
  it.each([
    ['the client-side flow', STORE_NAME, 'session:demo'],
    ['code + PKCE', `${STORE_NAME} (PKCE)`, 'session:demo-code'],
  ])('%s: Deny when more access is asked for a connected store: back on the page that asked, still connected, with a calm note', async (_flow, name, key) => {
    await openApp();
    await connectThroughConsent(page, name);
    await page.getByRole('heading', { name: STORE_NAME, level: 1 }).waitFor();
    await page.getByRole('link', { name: /Orders/ }).click();
    await page.getByRole('heading', { name: 'Orders' }).waitFor();
    const ordersHash = new URL(page.url()).hash;
    await page.getByRole('button', { name: /Grant access/ }).click();
    await answerConsent(page, 'Deny');
    const note = page.getByRole('status').filter({ hasText: `You declined the extra access to ${name}. Nothing changed` });
    await note.waitFor();
    expect(new URL(page.url()).hash).toBe(ordersHash);
    expect(await page.getByText('Nothing was connected').count()).toBe(0);
    expect(await page.getByRole('alert').count()).toBe(0);
    // what stays locked still says so, and can be asked for again
    await page.getByRole('button', { name: /Grant access/ }).waitFor();
    await page.screenshot({ path: join(SCREENSHOT_DIR, `sign-in-declined-more-${key.slice(8)}.png`) });
    expect(await readSessionKeys(page)).toEqual([key]);
    await note.getByRole('button', { name: 'Dismiss' }).click();
    await expect.poll(() => note.count()).toBe(0);
  });

  it('the store answers the request for more access with an error (not Deny): back on the page that asked, still connected, told so', async () => {
    await openApp();
    await connectThroughConsent(page, `${STORE_NAME} (PKCE)`);
    await page.getByRole('heading', { name: STORE_NAME, level: 1 }).waitFor();
    await page.getByRole('link', { name: /Orders/ }).click();
    await page.getByRole('heading', { name: 'Orders' }).waitFor();
    const ordersHash = new URL(page.url()).hash;
    // The store now grants this app nothing: its consent page answers invalid_scope on the redirect.
    e2e.env.store.setMaxScopes([]);
    try {
      // (It sends the answer straight back, without showing its consent page.)
      await page.getByRole('button', { name: /Grant access/ }).click();
      await page.getByRole('status').filter({ hasText: `${STORE_NAME} (PKCE) refused the request for more access (it answered with an error). Nothing changed: the connection is as it was.` }).waitFor();
      expect(callbacks.at(-1)).toContain('error=invalid_scope');
      expect(new URL(page.url()).hash).toBe(ordersHash);
      await page.getByRole('button', { name: /Grant access/ }).waitFor();
      expect(await readSessionKeys(page)).toEqual(['session:demo-code']);
      expect(await page.getByRole('link', { name: 'Catalogue' }).count()).toBe(1);
    } finally {
      e2e.env.store.setMaxScopes(['storefront', 'cart', 'admin']);
    }
  });
});

describe('more access granted (code + PKCE)', () => {
  it('the grant it replaces is revoked at the store once the new one is saved: its tokens stop working, the new ones work', async () => {
    await openApp();
    await connectThroughConsent(page, `${STORE_NAME} (PKCE)`);
    await page.getByRole('heading', { name: STORE_NAME, level: 1 }).waitFor();
    type Saved = { session: { tokens: { accessToken: string; refreshToken: string; scopes: string[] } } };
    const old = ((await readSealedRecord(page, 'session:demo-code')) as Saved).session.tokens;
    await page.getByRole('link', { name: /Orders/ }).click();
    await page.getByRole('heading', { name: 'Orders' }).waitFor();
    const ordersHash = new URL(page.url()).hash;
    await page.getByRole('button', { name: /Grant access/ }).click();
    await answerConsent(page, 'Allow');
    await page.getByRole('heading', { name: 'Orders' }).waitFor();
    expect(new URL(page.url()).hash).toBe(ordersHash);
    const current = ((await readSealedRecord(page, 'session:demo-code')) as Saved).session.tokens;
    expect(current.scopes).toContain('admin');
    expect(current.refreshToken === old.refreshToken).toBe(false);
    // The store was told, without the person waiting for it: the old refresh token ended its grant.
    await expect.poll(() => e2e.env.store.traffic.revocations().filter((kind) => kind === 'refresh_token').length).toBe(1);
    const api = (token: string) => fetch(`${e2e.env.store.origin}/api/v1/metadata`, { headers: { Authorization: `Bearer ${token}` } }).then((r) => r.status);
    expect(await api(old.accessToken)).toBe(401);
    expect(await api(current.accessToken)).toBe(200);
    const refresh = (token: string) =>
      fetch(e2e.env.stores[1]!.tokenEndpoint!, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'refresh_token', client_id: e2e.env.stores[1]!.clientId, refresh_token: token }),
      }).then(async (r) => ({ status: r.status, error: ((await r.json()) as { error?: string }).error }));
    expect(await refresh(old.refreshToken)).toEqual({ status: 400, error: 'invalid_grant' });
    // The orders the new grant opened show, and nothing in the page said a word of the revocation.
    await page.getByRole('table').waitFor();
    expect(await page.getByRole('alert').count()).toBe(0);
    const consoleText = log.lines.join('\n');
    expect(consoleText.includes(old.refreshToken) || consoleText.includes(old.accessToken)).toBe(false);
  });
});

describe('more access granted, but the token request after consent fails', () => {
  it.each([
    ['the store cannot be reached', 'could not be reached to finish the request for more access'],
    ['the store answers 503', 'did not finish the request for more access'],
  ])('%s: back on the page that asked, still connected with the old grant, told nothing changed and what to do', async (label, words) => {
    await openApp();
    await connectThroughConsent(page, `${STORE_NAME} (PKCE)`);
    await page.getByRole('heading', { name: STORE_NAME, level: 1 }).waitFor();
    const before = (await readSealedRecord(page, 'session:demo-code')) as { session: { tokens: { accessToken: string; scopes: string[] } } };
    await page.getByRole('link', { name: /Orders/ }).click();
    await page.getByRole('heading', { name: 'Orders' }).waitFor();
    const ordersHash = new URL(page.url()).hash;
    await page.getByRole('button', { name: /Grant access/ }).click();
    // After Allow, the one token request (the code's) fails: unreachable, or a 5xx.
    const tokenEndpoint = e2e.env.stores[1]!.tokenEndpoint!;
    if (label === 'the store cannot be reached') await page.route(tokenEndpoint, (route) => route.abort('connectionrefused'), { times: 1 });
    else e2e.env.store.traffic.failTokenRequests(1, 503);
    await answerConsent(page, 'Allow');
    const note = page.getByRole('status').filter({ hasText: `${STORE_NAME} (PKCE) ${words}` });
    await note.waitFor();
    expect(await note.textContent()).toContain('Nothing changed: the connection is as it was. To try again, press Grant access.');
    expect(new URL(page.url()).hash).toBe(ordersHash);
    expect(await page.getByRole('alert').count()).toBe(0);
    expect(await page.getByText('nothing was connected').count()).toBe(0);
    // The old grant is kept as it was, and still works: what stays locked can be asked for again.
    const after = (await readSealedRecord(page, 'session:demo-code')) as typeof before;
    expect(after.session.tokens.accessToken === before.session.tokens.accessToken).toBe(true);
    expect(after.session.tokens.scopes).toEqual(['storefront']);
    await page.getByRole('button', { name: /Grant access/ }).waitFor();
    await page.screenshot({ path: join(SCREENSHOT_DIR, `sign-in-more-access-failed-${label === 'the store answers 503' ? '503' : 'unreachable'}.png`) });
    await page.getByRole('link', { name: 'Catalogue' }).click();
    await page.getByRole('heading', { name: STORE_NAME, level: 1 }).waitFor();
    await expect.poll(() => page.getByRole('listitem').filter({ has: page.getByRole('article') }).count()).toBeGreaterThan(0);
  });
});

describe('the callback leaves no trace (security case 13)', () => {
  it('the callback’s address is scrubbed before the page has finished parsing; Back goes to the store’s page and Forward to the app’s clean address; the callback page asked nothing of any other origin', async () => {
    await openApp();
    const appOrigin = new URL(e2e.env.app.url).origin;
    const storeOrigin = e2e.env.store.origin;
    /** Every request the page made from the moment the store redirected back to the app (the first navigation to it after the store's page). */
    const afterCallback: string[] = [];
    let atStore = false;
    let redirected = false;
    page.on('request', (request) => {
      if (request.isNavigationRequest() && request.frame() === page.mainFrame()) {
        const origin = new URL(request.url()).origin;
        if (origin === storeOrigin) atStore = true;
        else if (atStore && origin === appOrigin) redirected = true;
      }
      if (redirected) afterCallback.push(request.url());
    });
    // The address once the page's own scripts have run (main.ts is a module script, so it runs before
    // DOMContentLoaded): scrubbed then, not only once the sign-in completes and the route changes.
    await page.addInitScript(() => {
      document.addEventListener('DOMContentLoaded', () => ((window as { hrefWhenParsed?: string }).hrefWhenParsed = location.href));
    });
    await connectThroughConsent(page, STORE_NAME);
    await page.getByRole('heading', { name: STORE_NAME, level: 1 }).waitFor();
    expect(redirected).toBe(true);
    const hrefWhenParsed = await page.evaluate(() => (window as { hrefWhenParsed?: string }).hrefWhenParsed);
    expect(hrefWhenParsed?.startsWith(e2e.env.app.url)).toBe(true);
    expect(hrefWhenParsed).not.toMatch(/access_token|state=|code=/);
    expect(afterCallback.length).toBeGreaterThan(0);
    expect(afterCallback.filter((url) => ![appOrigin, storeOrigin].includes(new URL(url).origin))).toEqual([]);
    const token = callbackParam(callbacks[0]!, 'access_token');

    await page.goBack();
    await page.getByRole('button', { name: 'Allow', exact: true }).waitFor();
    expect(new URL(page.url()).origin).toBe(storeOrigin);
    await page.goForward();
    await page.getByRole('heading', { name: STORE_NAME, level: 1 }).waitFor();
    expect(page.url()).toBe(`${e2e.env.app.url}#/s/demo`);
    expect(await page.evaluate(() => JSON.stringify(history.state) ?? '')).not.toContain(token);
    await expectNoSecretsLeft([token, callbackParam(callbacks[0]!, 'state')]);
  });
});

describe('a device clock two hours off (security case 18)', () => {
  for (const [label, hours] of [['fast', 2], ['slow', -2]] as const) {
    it(`${label}: the sign-in holds through browsing and a reload; the token's hour counts from when it arrived, by that clock`, async () => {
      // A store whose tokens last an hour (the demo's Goodsie tokens are its ten-year ones).
      const env = await e2e.startApp({ store: { tokenLifetimeSeconds: 3600 } });
      ({ page, console: log } = await e2e.open());
      const skew = hours * 3600_000;
      await page.clock.install({ time: Date.now() + skew });
      await page.goto(env.app.url);
      await page.getByRole('heading', { name: 'Your stores' }).waitFor();
      await connectThroughConsent(page, STORE_NAME);
      const cards = page.getByRole('listitem').filter({ has: page.getByRole('article') });
      await expect.poll(() => cards.count()).toBeGreaterThan(0);
      const record = (await readSealedRecord(page, 'session:demo')) as { session: { tokens: { obtainedAt: number; expiresAt: number } } };
      const { obtainedAt, expiresAt } = record.session.tokens;
      // Received by the skewed clock (within the test's minute), and good for the store's hour from then.
      expect(Math.abs(obtainedAt - (Date.now() + skew))).toBeLessThan(60_000);
      expect(expiresAt - obtainedAt).toBe(3600_000);

      await page.reload();
      await expect.poll(() => cards.count()).toBeGreaterThan(0);
      expect(await page.getByText(`${STORE_NAME} is not connected`).count()).toBe(0);
      expect(await page.getByRole('button', { name: /Reconnect/ }).count()).toBe(0);
      expect(await readSessionKeys(page)).toEqual(['session:demo']);
    });
  }
});

describe('what the store says on an error (security case 9)', () => {
  it('a hostile error_description and a javascript: error_uri: nothing runs, nothing is linked, the app says it in its own words', async () => {
    await openApp();
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.getByRole('button', { name: `Connect ${STORE_NAME}`, exact: true }).click();
    await page.getByRole('button', { name: 'Allow', exact: true }).waitFor();
    // The store's answer, made by hand with this sign-in's own state (so it is trusted as far as
    // the state goes): an error whose words and link are an attack.
    const state = new URL(page.url()).searchParams.get('state') ?? '';
    expect(state).not.toBe('');
    const answer = new URLSearchParams({
      error: 'server_error',
      error_description: '<img src=x onerror=alert("xss-desc")>Try <b>later</b>',
      error_uri: 'javascript:alert("xss-uri")',
      state,
      iss: e2e.env.store.origin, // as the store sends it (config: authorizationResponseIssParameterSupported)
    });
    await page.goto(`${e2e.env.app.url}#${answer}`);
    const alert = page.getByRole('alert');
    await alert.waitFor();
    await page.waitForTimeout(500); // an image's error event, had one been made, would have fired
    // In the app's words; the store's are not shown at all (stricter than showing them inert).
    expect(await alert.innerText()).toMatch(/The store refused the sign-in/);
    expect(await alert.innerText()).not.toMatch(/xss|Try later|onerror/);
    expect(dialogs).toEqual([]);
    expect(await alert.locator('img, b, script').count()).toBe(0);
    expect(await page.locator('a[href^="javascript:"], [onerror]').count()).toBe(0);
    expect(await alert.locator('a').evaluateAll((links) => links.map((a) => a.getAttribute('href')))).not.toContain('javascript:alert("xss-uri")');
    expect(await readSessionKeys(page)).toEqual([]);
    await expectNoSecretsLeft([state]);
  });
});

describe('callbacks the app did not ask for', () => {
  const cases: Array<[string, (state: string) => string, RegExp]> = [
    ['a forged state', () => 'access_token=forged-token-123&token_type=bearer&state=forged-state', /not started here/i],
    ['a missing state', () => 'access_token=forged-token-123&token_type=bearer', /could not be checked/i],
  ];
  for (const [label, fragment, message] of cases) {
    it(`${label} shows a clear error and stores nothing`, async () => {
      await openApp();
      // A fresh load, as a redirect from the store would be.
      await page.goto('about:blank');
      await page.goto(`${e2e.env.app.url}#${fragment('')}`);
      await page.getByRole('heading', { name: message }).waitFor();
      expect(await readSessionKeys(page)).toEqual([]);
      await expectNoSecretsLeft(['forged-token-123', 'forged-state']);
      // A state this browser never issued is noted as a possible CSRF (security case 2), without its value.
      const csrf = log.lines.filter((line) => /possible cross-site request forgery/.test(line));
      expect(csrf).toHaveLength(label === 'a forged state' ? 1 : 0);
    });
  }

  it.each([
    ['the client-side flow', STORE_NAME, 'demo'],
    ['code + PKCE', `${STORE_NAME} (PKCE)`, 'demo-code'],
  ])('%s: a sign-in answered after its store was taken out of config.json says so, not “not started here”, notes no CSRF, and stores nothing', async (_flow, name, id) => {
    await openApp();
    await page.getByRole('button', { name: `Connect ${name}`, exact: true }).click();
    await page.getByRole('button', { name: 'Allow', exact: true }).waitFor();
    // The site is redeployed meanwhile without that store.
    e2e.env.app.setOverride('config.json', JSON.stringify({ stores: e2e.env.stores.filter((store) => store.id !== id) }));
    try {
      await answerConsent(page, 'Allow');
      await page.getByRole('heading', { name: 'That store is no longer offered here' }).waitFor();
      expect(await page.getByText(/not started here/i).count()).toBe(0);
      expect(log.lines.filter((line) => /possible cross-site request forgery/.test(line))).toEqual([]);
      expect(await readSessionKeys(page)).toEqual([]);
      await expectNoSecretsLeft([callbackParam(callbacks.at(-1)!, 'state')]);
    } finally {
      e2e.env.app.setOverride('config.json', JSON.stringify({ stores: e2e.env.stores }));
    }
  });

  // Security case 8: an error response whose state is missing or not this browser's is answered
  // like any callback the app did not ask for; the provider's words are not shown.
  const errorCases: Array<[string, string, RegExp]> = [
    ['a forged state', 'error=access_denied&error_description=Words+from+the+provider&state=forged-state', /not started here/i],
    ['no state', 'error=access_denied&error_description=Words+from+the+provider', /could not be checked/i],
  ];
  for (const [label, fragment, message] of errorCases) {
    it(`an error response with ${label} shows the same error, not the provider’s words nor “declined”, and stores nothing`, async () => {
      await openApp();
      await page.goto('about:blank');
      await page.goto(`${e2e.env.app.url}#${fragment}`);
      await page.getByRole('heading', { name: message }).waitFor();
      const text = await page.locator('body').innerText();
      expect(text).not.toContain('Words from the provider');
      expect(text).not.toMatch(/declined/i);
      expect(await readSessionKeys(page)).toEqual([]);
      await expectNoSecretsLeft([]);
    });
  }

  it('the words a sign-in came back with take the keyboard’s focus; Dismiss gives it to the store’s card (declined) or the main region (unknown), never the page’s top', async () => {
    // A callback the app did not ask for: no store to name, so Dismiss leaves the focus on the page's main region.
    ({ page, console: log } = await e2e.open({ width: 360, colorScheme: 'dark' }));
    await page.goto(`${e2e.env.app.url}#access_token=forged-token-123&token_type=bearer&state=forged-state`);
    const forged = page.getByRole('alert').getByRole('heading', { name: /not started here/i, level: 2 });
    await hasFocus(forged);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'sign-in-refused-focus-360-dark.png'), fullPage: true });
    await page.keyboard.press('Tab');
    await hasFocus(page.getByRole('button', { name: 'Dismiss' }));
    await page.keyboard.press('Enter');
    await hasFocus(page.locator('#main'));
    expect(await page.getByRole('alert').count()).toBe(0);

    // Declined: the note's heading has the focus; dismissed, the store's own Connect takes it.
    await openApp();
    await connectThroughConsent(page, STORE_NAME, 'Deny');
    await hasFocus(page.getByRole('status').getByRole('heading', { name: `You declined access to ${STORE_NAME}` }));
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'sign-in-declined-focus-1280.png'), fullPage: true });
    await page.getByRole('status').getByRole('button', { name: 'Dismiss' }).focus();
    await page.keyboard.press('Enter');
    await hasFocus(page.getByRole('button', { name: `Connect ${STORE_NAME}`, exact: true }));
    expect(await page.getByRole('status').getByText(/declined/).count()).toBe(0);
  });

  it('Back after signing in, then Allow again on the store’s page: no “already used” error, the store stays connected', async () => {
    await openApp();
    await connectThroughConsent(page, STORE_NAME);
    await page.getByRole('heading', { name: STORE_NAME, level: 1 }).waitFor();
    await page.goBack();
    await page.getByRole('button', { name: 'Allow', exact: true }).waitFor();
    await answerConsent(page, 'Allow');
    await page.getByRole('heading', { name: STORE_NAME, level: 1 }).waitFor();
    expect(await page.getByRole('alert').count()).toBe(0);
    expect(await readSessionKeys(page)).toEqual(['session:demo']);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'sign-in-back-allow-again.png'), fullPage: true });
  });

  it('a replayed state shows a clear error and stores nothing new', async () => {
    await openApp();
    await connectThroughConsent(page, STORE_NAME);
    await page.getByRole('heading', { name: STORE_NAME, level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Your stores' }).waitFor();

    await page.goto('about:blank');
    await page.goto(callbacks[0]!);
    await page.getByRole('alert').waitFor();
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/not started here|already used/i);
    expect(await readSessionKeys(page)).toEqual([]);
    await expectNoSecretsLeft([callbackParam(callbacks[0]!, 'access_token')]);
  });

  it('an expired state (over 10 minutes old) shows a clear error and stores nothing', async () => {
    await openApp();
    await page.getByRole('button', { name: `Connect ${STORE_NAME}`, exact: true }).click();
    await page.getByRole('button', { name: 'Allow', exact: true }).waitFor();
    // Age the pending sign-in by 11 minutes, from a second tab on the app's origin.
    const other = await page.context().newPage();
    await other.goto(`${e2e.env.app.url}#/`);
    const aged = await other.evaluate(
      () =>
        new Promise<number>((resolve, reject) => {
          const open = indexedDB.open('storefront-connect');
          open.onerror = () => reject(new Error('open failed'));
          open.onsuccess = () => {
            const tx = open.result.transaction('kv', 'readwrite');
            const store = tx.objectStore('kv');
            const cursor = store.openCursor();
            let count = 0;
            cursor.onsuccess = () => {
              const c = cursor.result;
              if (!c) return;
              if (String(c.key).startsWith('pending:')) {
                // The single-use store's record: { v, value: the pending sign-in, createdAt }.
                const record = c.value as { createdAt: number; value: { createdAt: number } };
                const aged = record.createdAt - 11 * 60_000;
                c.update({ ...record, createdAt: aged, value: { ...record.value, createdAt: aged } });
                count++;
              }
              c.continue();
            };
            tx.oncomplete = () => resolve(count);
            tx.onerror = () => reject(new Error('tx failed'));
          };
        }),
    );
    await other.close();
    expect(aged).toBe(1);
    await answerConsent(page, 'Allow');
    await page.getByRole('heading', { name: /took too long/i }).waitFor();
    expect(await readSessionKeys(page)).toEqual([]);
  });
});

describe('a consent page left open for an hour, approved after a later sign-in began (its record swept meanwhile)', () => {
  for (const [label, name, storeId] of [['implicit', STORE_NAME, 'demo'], ['code + PKCE', `${STORE_NAME} (PKCE)`, 'demo-code']] as const) {
    it(`${label}: says the sign-in took too long, not that it was not started here (no CSRF noted); the later sign-in still connects`, async () => {
      await openApp();
      await page.getByRole('button', { name: `Connect ${name}`, exact: true }).click();
      await page.getByRole('button', { name: 'Allow', exact: true }).waitFor();
      // An hour passes (the sign-in in flight dated back), then the same store is connected from another tab.
      const later = await page.context().newPage();
      await later.goto(`${e2e.env.app.url}#/`);
      expect(await ageSignInsInFlight(later, 60)).toBe(1);
      await later.getByRole('button', { name: `Connect ${name}`, exact: true }).click();
      await later.getByRole('button', { name: 'Allow', exact: true }).waitFor();

      await answerConsent(page, 'Allow');
      await page.getByRole('heading', { name: /took too long/i }).waitFor();
      expect(await page.getByText(/not started here/i).count()).toBe(0);
      expect(log.lines.filter((line) => /possible cross-site request forgery/.test(line))).toEqual([]);
      expect(await readSessionKeys(page)).toEqual([]);

      await answerConsent(later, 'Allow');
      // The catalogue's heading settles on the store's own name once its metadata is in: for the PKCE
      // entry (named "… (PKCE)" in config.json) the config's name shows only until then, a moment that
      // a slower look missed (then waited out its 30 s on the settled page).
      await later.getByRole('heading', { name: STORE_NAME, exact: true, level: 1 }).waitFor();
      expect(new URL(later.url()).hash).toBe(`#/s/${storeId}`);
      expect(await readSessionKeys(later)).toEqual([`session:${storeId}`]);
      await later.close();
    });
  }
});

describe('a callback arriving in an app that is already running', () => {
  it('is scrubbed from the address bar and refused like any unknown callback', async () => {
    await openApp();
    await page.evaluate(() => {
      location.hash = 'access_token=planted-token-456&token_type=bearer&state=planted';
    });
    await page.getByRole('heading', { name: /not started here/i }).waitFor();
    expect(await readSessionKeys(page)).toEqual([]);
    await expectNoSecretsLeft(['planted-token-456']);
  });
});

describe('several stores at once', () => {
  it('keeps both connected, switches between them from the header, and signing out of one keeps the other', async () => {
    await openApp();
    await connectThroughConsent(page, STORE_NAME);
    await page.getByRole('heading', { name: STORE_NAME, level: 1 }).waitFor();
    await page.getByRole('link', { name: 'Storefront Connect' }).click();
    await connectThroughConsent(page, `${STORE_NAME} (PKCE)`);
    await page.getByRole('heading', { name: STORE_NAME, level: 1 }).waitFor();
    expect((await readSessionKeys(page)).sort()).toEqual(['session:demo', 'session:demo-code']);

    const switcher = page.getByRole('combobox', { name: 'Store' });
    expect(await switcher.inputValue()).toBe('demo-code');
    await switcher.selectOption('demo');
    await expect.poll(() => new URL(page.url()).hash).toBe('#/s/demo');
    await page.reload();
    expect(await page.getByRole('combobox', { name: 'Store' }).inputValue()).toBe('demo');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Your stores' }).waitFor();
    expect(await readSessionKeys(page)).toEqual(['session:demo-code']);
    await page.getByRole('link', { name: /^Browse/ }).click();
    await expect.poll(() => new URL(page.url()).hash).toBe('#/s/demo-code');
  });
});
