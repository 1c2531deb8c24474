/**
 * More access asked of a connected store ("Grant access"), in Chromium against the demo store, and
 * the ways its answer can go wrong: the consent page left open past the sign-in lifetime, the
 * answer opened a second time, the store's config changed meanwhile or another store's sign-in in
 * flight beside it, Deny, and a store that grants less than was asked. In each the connection the
 * person had is kept as it was (its tokens, its refresh token), and the screen says what happened.
 * The notes are photographed at 360 and 1280 px (.test-artifacts/screenshots/step-up-*.png).
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useE2e } from '../helpers/e2e-fixture.ts';
import { STORE_NAME, answerConsent, connectThroughConsent, photographAtWidths, readSealedRecord, recordCallbacks, storeAccepts, type AppUnderTest } from '../helpers/e2e-app.ts';
import { ageSignInsInFlight } from '../helpers/sign-ins-in-flight.ts';

const ALL = ['storefront', 'cart', 'admin'];
const PKCE = `${STORE_NAME} (PKCE)`;

type Tokens = { accessToken: string; refreshToken?: string; scopes: string[] };

const e2e = useE2e();

let page: Page;
let env: AppUnderTest;
let callbacks: string[];

/** A fresh app and store (`defaultScopes` what Connect asks for), signed in to `name`, on its Orders (locked). */
async function onLockedOrders(name: string, defaultScopes: string[] = ['storefront']): Promise<string> {
  env = await e2e.startApp({ defaultScopes, store: { maxScopes: ALL } });
  ({ page } = await e2e.open());
  callbacks = recordCallbacks(page, env.app.url);
  await page.goto(env.app.url);
  await connectThroughConsent(page, name);
  await page.getByRole('heading', { name: STORE_NAME, level: 1 }).waitFor();
  await page.getByRole('link', { name: /Orders/ }).click();
  await page.getByRole('heading', { name: 'Orders' }).waitFor();
  return new URL(page.url()).hash;
}

async function tokensOf(key: string): Promise<Tokens> {
  return ((await readSealedRecord(page, key)) as { session: { tokens: Tokens } }).session.tokens;
}

/** The saved tokens compared as booleans (a failing assertion never prints a token). */
function same(a: Tokens, b: Tokens): { access: boolean; refresh: boolean; scopes: string[] } {
  return { access: a.accessToken === b.accessToken, refresh: a.refreshToken === b.refreshToken, scopes: b.scopes };
}

/** Whether the store still accepts `token` for its API. */
const apiAccepts = (token: string): Promise<boolean> => storeAccepts(env.store.origin, token);

const photograph = (name: string): Promise<void> => photographAtWidths(page, `step-up-${name}`);

const note = (words: RegExp) => page.getByRole('status').filter({ hasText: words });
/** A note's words as read, its line breaks as spaces. */
const wordsOf = async (locator: ReturnType<typeof note>) => ((await locator.textContent()) ?? '').replace(/\s+/g, ' ').trim();

describe('the consent page left open past the sign-in lifetime (10 minutes), then Allow (security cases 2, 3: state is single use and short-lived)', () => {
  for (const [flow, name, key] of [['code + PKCE', PKCE, 'session:demo-code'], ['implicit', STORE_NAME, 'session:demo']] as const) {
    it(`${flow}: says the request for more access timed out and offers Grant access again; the connection and its refresh token are kept as they were`, async () => {
      const ordersHash = await onLockedOrders(name);
      const before = await tokensOf(key);
      await page.getByRole('button', { name: /Grant access/ }).click();
      await page.getByRole('button', { name: 'Allow', exact: true }).waitFor();
      const other = await page.context().newPage();
      await other.goto(`${env.app.url}#/`);
      expect(await ageSignInsInFlight(other, 11)).toBe(1);
      await other.close();
      const tokenRequests = env.store.stats().tokenRequests;
      await answerConsent(page, 'Allow');
      const said = note(/timed out/);
      await said.waitFor();
      expect(await wordsOf(said)).toMatch(new RegExp(`request for more access to ${name.replace(/[()]/g, '\\$&')} timed out \\(it must be answered within 10 minutes\\)\\. Nothing changed: the connection is as it was\\. To ask again, press Grant access\\.`));
      expect(new URL(page.url()).hash).toBe(ordersHash);
      expect(await page.getByRole('alert').count()).toBe(0);
      await page.getByRole('button', { name: /Grant access/ }).waitFor();
      expect(same(before, await tokensOf(key))).toEqual({ access: true, refresh: true, scopes: ['storefront'] });
      expect(env.store.stats().tokenRequests).toBe(tokenRequests);
      expect(await apiAccepts(before.accessToken)).toBe(true);
      await photograph(`timed-out-${key.slice(8)}`);
      // Asking again works.
      await page.getByRole('button', { name: /Grant access/ }).click();
      await answerConsent(page, 'Allow');
      await page.getByRole('table').waitFor();
      expect((await tokensOf(key)).scopes).toContain('admin');
    });
  }
});

describe('a step-up’s answer opened again after it was used (security case 3)', () => {
  for (const [flow, name, key] of [['code + PKCE', PKCE, 'session:demo-code'], ['implicit', STORE_NAME, 'session:demo']] as const) {
    it(`${flow}: refused as already used, said so calmly; the connection keeps the access it was granted, nothing sent to the store`, async () => {
      const ordersHash = await onLockedOrders(name);
      await page.getByRole('button', { name: /Grant access/ }).click();
      await answerConsent(page, 'Allow');
      await page.getByRole('table').waitFor();
      const granted = await tokensOf(key);
      expect(granted.scopes).toContain('admin');
      const stats = env.store.stats();
      await page.goto('about:blank');
      await page.goto(callbacks.at(-1)!);
      const said = note(/already used/);
      await said.waitFor();
      expect(await wordsOf(said)).toContain(`That answer from ${name} was already used (each can be used once), so it was not used again. Nothing changed: the connection is as it was.`);
      expect(new URL(page.url()).hash).toBe(ordersHash);
      expect(await page.getByRole('alert').count()).toBe(0);
      await page.getByRole('table').waitFor();
      expect(same(granted, await tokensOf(key))).toEqual({ access: true, refresh: true, scopes: granted.scopes });
      expect(env.store.stats().tokenRequests).toBe(stats.tokenRequests);
      expect(await apiAccepts(granted.accessToken)).toBe(true);
      await photograph(`replayed-${key.slice(8)}`);
    });
  }
});

describe('the store’s config changed while the consent page was open (security case 5: aborted before any token request)', () => {
  for (const [change, edit] of [
    ['its flow is now implicit', (store: Record<string, unknown>) => ({ ...store, flow: 'token' })],
    ['its client id is another', (store: Record<string, unknown>) => ({ ...store, clientId: 'storefront-connect-other' })],
  ] as const) {
    it(`${change}: the answer is refused, no code is exchanged, and the connection is kept as it was`, async () => {
      await onLockedOrders(PKCE);
      const before = await tokensOf('session:demo-code');
      await page.getByRole('button', { name: /Grant access/ }).click();
      await page.getByRole('button', { name: 'Allow', exact: true }).waitFor();
      env.app.setOverride('config.json', JSON.stringify({ stores: env.stores.map((store) => (store.id === 'demo-code' ? edit(store as unknown as Record<string, unknown>) : store)) }));
      const tokenRequests = env.store.stats().tokenRequests;
      await answerConsent(page, 'Allow');
      const said = note(/settings for the store changed/);
      await said.waitFor();
      expect(await wordsOf(said)).toContain(`The request for more access to ${PKCE} was not used: this site’s settings for the store changed while it was under way. Nothing changed: the connection is as it was.`);
      expect(env.store.stats().tokenRequests).toBe(tokenRequests);
      expect(same(before, await tokensOf('session:demo-code'))).toEqual({ access: true, refresh: true, scopes: ['storefront'] });
      await photograph(`config-changed-${change.includes('flow') ? 'flow' : 'client'}`);
    });
  }

  it('a step-up for one store comes back while another store’s sign-in waits in a second tab: each answer takes its own state only', async () => {
    await onLockedOrders(PKCE);
    await page.getByRole('button', { name: /Grant access/ }).click();
    await page.getByRole('button', { name: 'Allow', exact: true }).waitFor();
    const second = await page.context().newPage();
    await second.goto(env.app.url);
    await second.getByRole('button', { name: `Connect ${STORE_NAME}`, exact: true }).click();
    await second.getByRole('button', { name: 'Allow', exact: true }).waitFor();
    await answerConsent(page, 'Allow');
    await page.getByRole('table').waitFor();
    expect((await tokensOf('session:demo-code')).scopes).toContain('admin');
    await answerConsent(second, 'Allow');
    await second.getByRole('heading', { name: STORE_NAME, level: 1 }).waitFor();
    expect(await second.getByRole('alert').count()).toBe(0);
    expect((await tokensOf('session:demo')).scopes).toEqual(['storefront']);
    expect((await tokensOf('session:demo-code')).scopes).toContain('admin');
    await second.close();
  });
});

describe('Deny on the request for more access (security case 7)', () => {
  it('stays connected with what it had, its tokens kept and not revoked, told plainly; Grant access asks again', async () => {
    await onLockedOrders(PKCE);
    const before = await tokensOf('session:demo-code');
    await page.getByRole('button', { name: /Grant access/ }).click();
    await answerConsent(page, 'Deny');
    await note(/You declined the extra access to .*Nothing changed/).waitFor();
    expect(same(before, await tokensOf('session:demo-code'))).toEqual({ access: true, refresh: true, scopes: ['storefront'] });
    expect(env.store.traffic.revocations()).toEqual([]);
    expect(await apiAccepts(before.accessToken)).toBe(true);
    await photograph('declined');
    await page.getByRole('button', { name: /Grant access/ }).click();
    await answerConsent(page, 'Allow');
    await page.getByRole('table').waitFor();
  });
});

describe('a store that grants less than the request for more access asked (security case 31)', () => {
  it('granting nothing new: the connection it had (with the cart) is kept, not swapped for a narrower one, and the new grant is ended; the note names what was not granted', async () => {
    const ordersHash = await onLockedOrders(PKCE, ['storefront', 'cart']);
    const before = await tokensOf('session:demo-code');
    expect(before.scopes).toEqual(['storefront', 'cart']);
    env.store.setMaxScopes(['storefront']);
    await page.getByRole('button', { name: /Grant access/ }).click();
    await answerConsent(page, 'Allow');
    const said = note(/did not grant/);
    await said.waitFor();
    expect(await wordsOf(said)).toContain(`${PKCE} did not grant “`);
    expect(new URL(page.url()).hash).toBe(ordersHash);
    expect(same(before, await tokensOf('session:demo-code'))).toEqual({ access: true, refresh: true, scopes: ['storefront', 'cart'] });
    expect(await apiAccepts(before.accessToken)).toBe(true);
    // The narrower grant the store issued is ended at the store, not the one kept.
    await expect.poll(() => env.store.traffic.revocations().length).toBeGreaterThan(0);
    expect(await apiAccepts(before.accessToken)).toBe(true);
    await page.getByRole('button', { name: /Grant access/ }).waitFor();
    await photograph('granted-nothing-new');
  });

  it('granting some of it: the screens follow the new grant (Orders open), and say what is still missing (the cart it no longer gives)', async () => {
    await onLockedOrders(PKCE, ['storefront', 'cart']);
    env.store.setMaxScopes(['storefront', 'admin']);
    await page.getByRole('button', { name: /Grant access/ }).click();
    await answerConsent(page, 'Allow');
    await page.getByRole('table').waitFor();
    const said = note(/did not grant/);
    await said.waitFor();
    expect(await wordsOf(said)).toMatch(/did not grant “[^”]+”: what needs it stays locked/);
    expect((await tokensOf('session:demo-code')).scopes).toEqual(['storefront', 'admin']);
    await page.getByRole('navigation', { name: 'Store' }).getByRole('link', { name: /Cart \(not granted\)/ }).waitFor();
    await photograph('granted-part');
  });
});
