/**
 * Sign out asks first where it would end a snippet the person copied with this sign-in's token
 * (the stores list's button here; the store bar's, Escape and the focus the browser gives back, in
 * Chromium: e2e sign-out-snippet). Without such a snippet it signs out at once, as it always did.
 */
import { cleanup, render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import HomeView from '../../../src/lib/components/views/HomeView.svelte';
import { askBeforeSignOut } from '../../../src/lib/components/ask-before-sign-out.ts';
import { CopiedSnippets } from '../../../src/lib/storage/copied-snippets.ts';
import { createTestApp, eventually, harnessProps, type TestApp } from '../../helpers/component-harness.ts';
import Harness from './Harness.svelte';

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
    const asked = askBeforeSignOut(app.session, 'demo', signOut, true);
    void askBeforeSignOut(app.session, 'demo', signOut, true);
    const question = await screen.findByRole('alertdialog');
    expect(question).toHaveAccessibleDescription(/use a separate access on this screen first/);
    expect(within(question).queryByRole('link')).not.toBeInTheDocument();
    await userEvent.click(within(question).getByRole('button', { name: 'Sign out anyway' }));
    await asked;
    expect(signOut).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
  });
});
