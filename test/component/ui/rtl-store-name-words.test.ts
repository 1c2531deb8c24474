/**
 * A store named in a right-to-left script, in the sentences of the sign-out and Forget questions and
 * of the pasted-key forms: the name goes between FIRST STRONG ISOLATE and POP DIRECTIONAL ISOLATE
 * (direction.ts), so that "24/7" at its start stays on its side of the Hebrew; a Latin name is left
 * as it is. How it is drawn, in Chromium: e2e rtl-merchant-text.
 */
import { cleanup, render, screen, within } from '@testing-library/svelte';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Component } from 'svelte';
import ConnectWithCredentials from '../../../src/lib/components/ConnectWithCredentials.svelte';
import SignOutQuestion from '../../../src/lib/components/SignOutQuestion.svelte';
import { shopware6Profile } from '../../../src/lib/providers/shopware6-profile.ts';
import type { ConnectionModeInfo } from '../../../src/lib/providers/types.ts';
import type { Session } from '../../../src/lib/state/session.svelte.ts';
import type { StoreApis } from '../../../src/lib/state/apis.svelte.ts';
import type { Router } from '../../../src/lib/state/router.svelte.ts';
import Harness from './Harness.svelte';

const HEBREW = '24/7 מרקט';
const ARABIC = 'متجر 24';
const LATIN = 'Shop 24/7';
const isolated = (name: string) => `\u2068${name}\u2069`;
const ISOLATES = /[\u2066-\u2069]/;

// jsdom has <dialog> but not showModal: it opens it.
const native = HTMLDialogElement.prototype.showModal;
beforeAll(() => {
  HTMLDialogElement.prototype.showModal = function (this: HTMLDialogElement) {
    this.open = true;
  };
});
afterAll(() => {
  HTMLDialogElement.prototype.showModal = native;
});
afterEach(() => cleanup());

async function question(storeName: string, forget: boolean): Promise<HTMLElement> {
  const { component } = render(SignOutQuestion);
  void (component as unknown as { ask: (asked: unknown) => Promise<unknown> }).ask({
    storeName,
    forget: forget ? { name: 'key', credential: 'access key', revokeAt: 'Settings → Integrations', refused: false } : null,
    snippet: false,
    drafts: 1,
    addingToCart: null,
    embedHref: null,
  });
  return screen.findByRole('alertdialog');
}

describe('the sign-out and Forget questions', () => {
  it.each([HEBREW, ARABIC])('isolate the right-to-left store name %s in the title and the sentence naming it', async (name) => {
    const signOut = await question(name, false);
    expect(within(signOut).getByRole('heading', { level: 2 }).textContent).toBe(`Sign out of ${isolated(name)}?`);
    cleanup();
    const forget = await question(name, true);
    expect(within(forget).getByRole('heading', { level: 2 }).textContent).toBe(`Forget the key for ${isolated(name)}?`);
    expect(within(forget).getByText(/^This browser will no longer be connected to/).textContent).toBe(`This browser will no longer be connected to ${isolated(name)}.`);
  });

  it('leave a Latin store name as it is', async () => {
    const forget = await question(LATIN, true);
    expect(forget.textContent).toContain(`Forget the key for ${LATIN}?`);
    expect(forget.textContent).not.toMatch(ISOLATES);
    cleanup();
    expect((await question(LATIN, false)).textContent).not.toMatch(ISOLATES);
  });
});

describe('the pasted-key forms', () => {
  function show(storeName: string): void {
    const session = {
      store: () => ({ id: 'shop', name: storeName, apiBase: 'https://shop.example' }),
      platformName: () => 'Shopware',
      credentialModes: () => shopware6Profile.modes as readonly ConnectionModeInfo[],
      connectWithCredentials: vi.fn(() => Promise.resolve()),
    } as unknown as Session;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const component = ConnectWithCredentials as Component<any>;
    render(Harness, { props: { session, apis: {} as StoreApis, router: {} as Router, component, props: () => ({ storeId: 'shop' }) } });
  }

  it('isolate a right-to-left store name in the choice of modes, the form’s title, the admin link and the button', () => {
    show(HEBREW);
    expect(screen.getByRole('group').querySelector('legend')?.textContent).toBe(`Connect ${isolated(HEBREW)} with`);
    const form = screen.getByRole('form');
    expect(form.querySelector('.title')?.textContent).toMatch(new RegExp(` for ${isolated(HEBREW)}$`));
    expect(within(form).getByRole('link').textContent).toBe(`Open the admin of ${isolated(HEBREW)}`);
    expect(form.querySelector('button[type="submit"]')?.textContent).toContain(`${isolated(HEBREW)} with the `);
  });

  it('leave a Latin store name as it is', () => {
    show(LATIN);
    expect(screen.getByRole('group').textContent).toContain(`Connect ${LATIN} with`);
    expect(within(screen.getByRole('form')).getByRole('link').textContent).toBe(`Open the admin of ${LATIN}`);
    expect(document.body.textContent).not.toMatch(ISOLATES);
  });
});
