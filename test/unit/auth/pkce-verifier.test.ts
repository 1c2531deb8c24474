/**
 * Security case 14: the code flow's PKCE verifier is unique per attempt and gone from storage once
 * the exchange has succeeded or failed (the state entry is swapped for a "used" marker that holds
 * no value: single-use-store.ts).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { openStorage } from '../../../src/lib/storage/kv.ts';
import { codeStore, openTabs, type Tabs } from '../../helpers/auth-tabs.ts';
import { json } from '../../helpers/fake-fetch.ts';

let tabs: Tabs;
afterEach(() => {
  expect(tabs.unexpected, 'no unexpected request').toEqual([]);
});

describe('the PKCE verifier after the exchange (security case 14)', () => {
  /** Every value the app's IndexedDB holds, as text (the sealed ones are ciphertext). */
  async function everythingStored(): Promise<string> {
    const { store } = await openStorage({ indexedDB: tabs.factory });
    const values = await Promise.all((await store.keys()).map(async (key) => [key, await store.get(key)]));
    return JSON.stringify(values, (_key, value: unknown) => (ArrayBuffer.isView(value) ? '[bytes]' : value));
  }

  it.each([
    ['succeeds', () => json({ access_token: 'AT1', token_type: 'bearer', expires_in: 3600, refresh_token: 'RT1', scope: 'storefront' })],
    ['fails', () => json({ error: 'invalid_grant' }, 400)],
  ])('is gone from storage once the exchange %s, with a state of its own each time', async (_label, answer) => {
    tabs = await openTabs([codeStore('acme')]);
    const tab = await tabs.open();
    tabs.setTokenAnswer(answer);
    await tabs.signIn(tab.auth, 'acme').catch(() => undefined);
    const verifier = new URLSearchParams(tabs.tokenCalls().at(-1)?.body ?? '').get('code_verifier') ?? '';
    expect(verifier).toMatch(/^[A-Za-z0-9\-._~]{43,128}$/);
    expect(await everythingStored()).not.toContain(verifier);
    // A second attempt has a verifier of its own.
    await tabs.signIn(tab.auth, 'acme').catch(() => undefined);
    const second = new URLSearchParams(tabs.tokenCalls().at(-1)?.body ?? '').get('code_verifier') ?? '';
    expect(second).not.toBe(verifier);
    expect(await everythingStored()).not.toContain(second);
  });
});
