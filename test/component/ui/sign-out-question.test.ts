/**
 * Sign out asks first where it would end a snippet the person copied with this sign-in's token, and
 * Forget (key, token, sign-in) always asks first, in its button's words
 * (the stores list's button here; the store bar's, Escape and the focus the browser gives back, in
 * Chromium: e2e sign-out-snippet). Without such a snippet it signs out at once, as it always did.
 */
import { cleanup, fireEvent, render, screen, within } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import HomeView from '../../../src/lib/components/views/HomeView.svelte';
import { askBeforeSignOut } from '../../../src/lib/components/ask-before-sign-out.ts';
import type { StoreConfig } from '../../../src/lib/config/types.ts';
import { FOXY_MODE, foxyProfile } from '../../../src/lib/providers/foxy-profile.ts';
import { storeHippoProfile } from '../../../src/lib/providers/storehippo-profile.ts';
import { shopware6Profile } from '../../../src/lib/providers/shopware6-profile.ts';
import type { ProviderProfile } from '../../../src/lib/providers/types.ts';
import type { Session } from '../../../src/lib/state/session.svelte.ts';
import { CopiedSnippets } from '../../../src/lib/storage/copied-snippets.ts';
import { createTestApp, eventually, harnessProps, type TestApp } from '../../helpers/component-harness.ts';
import Harness from './Harness.svelte';
import SignedOutNote from '../../../src/lib/components/SignedOutNote.svelte';
import { sessionOf } from '../../helpers/stub-session.ts';
import { show } from './show-in-harness.ts';

/**
 * jsdom has <dialog> but not its methods: showModal opens it and focuses its first button, close
 * closes it, gives the focus back to where it was, and says so a moment later, as browsers do (the
 * inert page behind, and Escape, are Chromium's part: e2e).
 */
const dialog = HTMLDialogElement.prototype;
const native = { showModal: dialog.showModal, close: dialog.close };
const focusedBefore = new WeakMap<HTMLDialogElement, Element | null>();
beforeAll(() => {
  dialog.showModal = function (this: HTMLDialogElement) {
    focusedBefore.set(this, document.activeElement);
    this.open = true;
    this.querySelector('button')?.focus();
  };
  dialog.close = function (this: HTMLDialogElement) {
    if (!this.open) return;
    this.open = false;
    (focusedBefore.get(this) as HTMLElement | null)?.focus();
    setTimeout(() => this.dispatchEvent(new Event('close')));
  };
});
afterAll(() => Object.assign(dialog, native));

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

async function storeWithCopiedSnippet(): Promise<TestApp> {
  const app = await createTestApp({ sessions: { demo: ['storefront'] } });
  const tokens = app.session.sessionFor('demo')?.tokens;
  if (!tokens) throw new Error('no sign-in');
  await new CopiedSnippets(app.storage.store).note('demo', { copiedAt: Date.now(), obtainedAt: tokens.obtainedAt, expiresAt: tokens.expiresAt });
  render(Harness, { props: harnessProps(app, HomeView, () => ({ callbackError: null })) });
  return app;
}

const marker = (app: TestApp) => new CopiedSnippets(app.storage.store).get('demo');

describe('Sign out with a copied snippet', () => {
  it('signs out at once where no snippet was copied with this sign-in’s token', async () => {
    const app = await createTestApp({ sessions: { demo: ['storefront'] } });
    render(Harness, { props: harnessProps(app, HomeView, () => ({ callbackError: null })) });
    await userEvent.click(screen.getByRole('button', { name: 'Sign out of Demo Store' }));
    await eventually(() => expect(screen.getByRole('status')).toHaveTextContent('Signed out of Demo Store.'));
    expect(app.session.isConnected('demo')).toBe(false);
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
  });

  it('asks first, in words about the pages; Cancel keeps the session and gives the focus back to Sign out', async () => {
    const app = await storeWithCopiedSnippet();
    const signOut = screen.getByRole('button', { name: 'Sign out of Demo Store' });
    await userEvent.click(signOut);

    const question = await screen.findByRole('alertdialog', { name: 'Sign out of Demo Store?' });
    expect(question).toHaveAccessibleDescription(/web pages where you put that snippet stop showing your products/);
    expect(question).toHaveAccessibleDescription(/switch the snippet to a separate access first/);
    const cancel = within(question).getByRole('button', { name: 'Cancel' });
    expect(cancel).toHaveFocus();
    expect(within(question).getByRole('link', { name: 'Switch the snippet to a separate access' })).toHaveAttribute('href', '#/s/demo/embed');

    await userEvent.click(cancel);
    await eventually(() => expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument());
    expect(signOut).toHaveFocus();
    expect(app.session.isConnected('demo')).toBe(true);
    expect(await marker(app)).not.toBeNull();
  });

  it('the stores list’s Sign out says so at the press, takes no second press meanwhile, and says Sign out again behind the question and after Cancel', async () => {
    const app = await storeWithCopiedSnippet();
    const button = screen.getByRole('button', { name: 'Sign out of Demo Store' });
    // What the button said each time its words changed, and whether the question was on the page then.
    const said: [string, boolean][] = [];
    new MutationObserver(() => said.push([button.textContent.trim(), document.querySelector('[role="alertdialog"]') !== null])).observe(button, { childList: true, subtree: true, characterData: true });

    // At the press, before the question's code has come (on a slow link, seconds).
    button.focus();
    fireEvent.click(button);
    flushSync();
    expect(button).toHaveAccessibleName('Signing out… of Demo Store');
    expect(button).toHaveAttribute('aria-disabled', 'true');
    fireEvent.click(button); // pressed again meanwhile: nothing more, the words stay until the question comes

    const question = await screen.findByRole('alertdialog', { name: 'Sign out of Demo Store?' });
    await eventually(() => expect(button).toHaveAccessibleName('Sign out of Demo Store'));
    expect(button).toHaveAttribute('aria-disabled', 'false');
    await userEvent.click(within(question).getByRole('button', { name: 'Cancel' }));
    await eventually(() => expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument());
    expect(button).toHaveAccessibleName('Sign out of Demo Store');
    expect(button).toHaveAttribute('aria-disabled', 'false');
    expect(button).toHaveFocus();
    expect(app.session.isConnected('demo')).toBe(true);
    expect(said).toEqual([
      ['Signing out… of Demo Store', false],
      ['Sign out of Demo Store', true],
    ]);
  });

  it('closed without an answer (Escape) is Cancel', async () => {
    const app = await storeWithCopiedSnippet();
    await userEvent.click(screen.getByRole('button', { name: 'Sign out of Demo Store' }));
    (await screen.findByRole('alertdialog')).closest('dialog')?.close();
    await eventually(() => expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument());
    expect(app.session.isConnected('demo')).toBe(true);
  });

  it('Sign out anyway signs out, and the marker goes with the token', async () => {
    const app = await storeWithCopiedSnippet();
    await userEvent.click(screen.getByRole('button', { name: 'Sign out of Demo Store' }));
    await userEvent.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Sign out anyway' }));
    await eventually(() => expect(screen.getByRole('status')).toHaveTextContent('Signed out of Demo Store.'));
    expect(app.session.isConnected('demo')).toBe(false);
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    await eventually(async () => expect(await marker(app)).toBeNull());
  });

  it('the link goes to the store’s Embed screen, still signed in', async () => {
    const app = await storeWithCopiedSnippet();
    await userEvent.click(screen.getByRole('button', { name: 'Sign out of Demo Store' }));
    await userEvent.click(within(await screen.findByRole('alertdialog')).getByRole('link', { name: 'Switch the snippet to a separate access' }));
    await eventually(() => expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument());
    expect(location.hash).toBe('#/s/demo/embed');
    expect(app.session.isConnected('demo')).toBe(true);
  });

  it('asked on the Embed screen itself, points at the separate access there instead of linking to it; a second press meanwhile asks nothing more', async () => {
    const app = await storeWithCopiedSnippet();
    const signOut = vi.fn();
    const asked = askBeforeSignOut(app.session, 'demo', signOut, undefined, true);
    void askBeforeSignOut(app.session, 'demo', signOut, undefined, true);
    const question = await screen.findByRole('alertdialog');
    expect(question).toHaveAccessibleDescription(/use a separate access on this screen first/);
    expect(within(question).queryByRole('link')).not.toBeInTheDocument();
    await userEvent.click(within(question).getByRole('button', { name: 'Sign out anyway' }));
    await asked;
    expect(signOut).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
  });
});

/** A session with Foxy connected by its pasted Get Token bundle (and no sign-in of its own, so no snippet to lose). */
function foxyConnected(): Session {
  const mode = foxyProfile.modesOf(FOXY).find((m) => m.id === FOXY_MODE);
  return { store: () => FOXY, connectedMode: () => mode, sessionFor: () => undefined, isExpired: () => false } as unknown as Session;
}
const FOXY = { id: 'foxy', kind: 'foxy', name: 'Foxy Store', apiBase: 'https://api.foxy.io', auth: [FOXY_MODE] } as unknown as StoreConfig;

/** A session with `store` connected in its pasted-credentials mode `modeId` (no sign-in of its own). */
function connectedWith(store: StoreConfig, modeId: string, refused = false): Session {
  const profile: ProviderProfile = store.kind === 'storehippo' ? storeHippoProfile : shopware6Profile;
  const mode = profile.modesOf(store).find((m) => m.id === modeId);
  return { store: () => store, connectedMode: () => mode, sessionFor: () => undefined, isExpired: () => refused } as unknown as Session;
}
const HIPPO = { id: 'hippo', kind: 'storehippo', name: 'Hippo Store', apiBase: 'https://hippo.example', auth: ['access-key', 'token'], currency: 'INR' } as unknown as StoreConfig;
const SHOPWARE = { id: 'sw', kind: 'shopware6', name: 'Shopware Store', apiBase: 'https://sw.example', auth: ['integration', 'password'] } as unknown as StoreConfig;

describe('Forget, in the words of the button that asks (its mode’s short name)', () => {
  it('Foxy’s Get Token bundle: asks first, in words a merchant understands; Cancel (focused) keeps the token', async () => {
    const forget = vi.fn();
    const asked = askBeforeSignOut(foxyConnected(), 'foxy', forget);
    const question = await screen.findByRole('alertdialog', { name: 'Forget the token for Foxy Store?' });
    expect(question).toHaveAccessibleDescription(/This browser will no longer be connected to Foxy Store\./);
    expect(question).toHaveAccessibleDescription(/To connect again, you will need to paste the token again\./);
    expect(question).toHaveAccessibleDescription(/The store may have shown it only once, when it was made: if you no longer have it, you would make a new one there\./);
    expect(question).toHaveAccessibleDescription(/it keeps working until you revoke it at the store\./);
    expect(question).toHaveAccessibleDescription(/Where to revoke it: Foxy admin › Integrations \(remove the client\)\./);
    expect(question).not.toHaveAccessibleDescription(/snippet|credentials/);
    const cancel = within(question).getByRole('button', { name: 'Cancel' });
    expect(cancel).toHaveFocus();
    expect(within(question).queryByRole('button', { name: 'Sign out anyway' })).not.toBeInTheDocument();
    await userEvent.click(cancel);
    await asked;
    expect(forget).not.toHaveBeenCalled();
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
  });

  it('"Forget token" forgets it', async () => {
    const forget = vi.fn();
    const asked = askBeforeSignOut(foxyConnected(), 'foxy', forget);
    await userEvent.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Forget token' }));
    await asked;
    expect(forget).toHaveBeenCalledTimes(1);
  });

  // Regression: the store bar's "Forget key" opened "Forget the credentials for …?", answered "Forget credentials".
  it.each([
    { store: HIPPO, modeId: 'access-key', name: 'key', again: /paste the key again/ },
    { store: HIPPO, modeId: 'token', name: 'token', again: /paste the token again/ },
    { store: SHOPWARE, modeId: 'integration', name: 'key', again: /paste the key again/ },
    { store: SHOPWARE, modeId: 'password', name: 'sign-in', again: /enter the username and password again\./ },
  ] as const)('$store.kind $modeId: "Forget the $name for …?", answered with the same words', async ({ store, modeId, name, again }) => {
    const forget = vi.fn();
    const asked = askBeforeSignOut(connectedWith(store, modeId), store.id, forget);
    const question = await screen.findByRole('alertdialog', { name: `Forget the ${name} for ${store.name}?` });
    expect(question).toHaveAccessibleDescription(again);
    expect(question.textContent).not.toMatch(/credentials/);
    await userEvent.click(within(question).getByRole('button', { name: `Forget ${name}` }));
    await asked;
    expect(forget).toHaveBeenCalledTimes(1);
  });

  it('a key the store refuses (the reconnect banner shows): says it is refused and removed already, not to paste it again or revoke it', async () => {
    const forget = vi.fn();
    const asked = askBeforeSignOut(connectedWith(HIPPO, 'access-key', true), 'hippo', forget);
    const question = await screen.findByRole('alertdialog', { name: 'Forget the key for Hippo Store?' });
    expect(question).toHaveAccessibleDescription(
      'Hippo Store no longer accepts this key, and this browser has removed it already. Forgetting it closes the store here. To connect again later, you will need a key the store accepts.',
    );
    await userEvent.click(within(question).getByRole('button', { name: 'Forget key' }));
    await asked;
    expect(forget).toHaveBeenCalledTimes(1);
  });

  it('a sign-in the store ended (its password changed): says it ended and nothing of it is kept, not that a "sign-in the store accepts" is needed', async () => {
    const forget = vi.fn();
    const asked = askBeforeSignOut(connectedWith(SHOPWARE, 'password', true), 'sw', forget);
    const question = await screen.findByRole('alertdialog', { name: 'Forget the sign-in for Shopware Store?' });
    expect(question).toHaveAccessibleDescription(
      /^Shopware Store ended this app’s sign-in, and this browser keeps nothing of it\. Forgetting it closes the store here\. To connect again later, you will need to enter the username and password again\.$/,
    );
    await userEvent.click(within(question).getByRole('button', { name: 'Forget sign-in' }));
    await asked;
    expect(forget).toHaveBeenCalledTimes(1);
  });
});

// Regression: after a Forget of a key the store had refused (disabled or deleted there), the stores
// list's note said "They still work elsewhere until you revoke them at the store."
describe('the stores list’s note after a Forget', () => {
  const note = () => {
    show(sessionOf(HIPPO, SHOPWARE), SignedOutNote, { storeId: 'hippo', onArrived: () => undefined });
    return document.querySelector('p.notice')?.textContent;
  };
  const forget = async (session: Session, storeId: string, name: string) => {
    const asked = askBeforeSignOut(session, storeId, vi.fn());
    await userEvent.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: `Forget ${name}` }));
    await asked;
  };

  it('of a key the store refused says so, not that it still works elsewhere; the next Forget of a working key says it does', async () => {
    await forget(connectedWith(HIPPO, 'access-key', true), 'hippo', 'key');
    expect(note()).toBe('This browser forgot the key for Hippo Store, which the store had refused already.');
    cleanup();
    await forget(connectedWith(HIPPO, 'access-key'), 'hippo', 'key');
    expect(note()).toBe('This browser forgot the credentials for Hippo Store. They still work elsewhere until you revoke them at the store.');
  });

  it('of a sign-in the store ended says it had ended', async () => {
    await forget(connectedWith(SHOPWARE, 'password', true), 'sw', 'sign-in');
    show(sessionOf(HIPPO, SHOPWARE), SignedOutNote, { storeId: 'sw', onArrived: () => undefined });
    expect(document.querySelector('p.notice')?.textContent).toBe('This browser forgot the sign-in for Shopware Store, which the store had ended already.');
  });
});
