/**
 * Sign out with the header's button on a store's screen (audit finding 9): the stores list it lands
 * on says so in a live region that is on the page before its words are (one drawn already filled,
 * with the rest of a new screen, is not announced), and the store's Connect takes the focus, as
 * after the card's own Sign out.
 */
import { cleanup, render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import Shell from '../../../src/lib/components/Shell.svelte';
import { LazyApis } from '../../../src/lib/state/apis-port.svelte.ts';
import { answerStoreInfo, catalogQuery, createTestApp, eventually, harnessProps, productPage, wireProduct } from '../../helpers/component-harness.ts';
import Harness from './Harness.svelte';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('Sign out from the store bar', () => {
  it('lands on the stores list with the note filled in after its live region is there, and the store’s Connect focused', async () => {
    const app = await createTestApp({ sessions: { demo: ['storefront'] }, path: '/s/demo' });
    answerStoreInfo(app.network);
    app.network.on('GET', '/api/v1/products', () => productPage([wireProduct()]), { query: catalogQuery() });
    const apis = new LazyApis(() => app.apis);
    render(Harness, { props: harnessProps(app, Shell, () => ({ session: app.session, apis, callbackError: null })) });
    expect(await screen.findByRole('link', { name: 'Linen apron' })).toBeInTheDocument();

    // What each live region said when it came onto the page (observer callbacks run before any timer).
    const arrived = new Map<Element, string>();
    const observer = new MutationObserver((records) => {
      for (const node of records.flatMap((r) => [...r.addedNodes])) {
        if (!(node instanceof Element)) continue;
        for (const region of [node, ...node.querySelectorAll('*')]) {
          if (region.getAttribute('role') === 'status' && !arrived.has(region)) arrived.set(region, region.textContent.trim());
        }
      }
    });
    observer.observe(document.body, { childList: true, subtree: true });

    const header = screen.getByRole('banner');
    await userEvent.click(await within(header).findByRole('button', { name: 'Sign out of Demo Store' }));
    expect(await screen.findByRole('heading', { name: 'Your stores', level: 1 })).toBeInTheDocument();

    const note = await eventually(() => {
      const region = screen.getAllByRole('status').find((candidate) => /Signed out of Demo Store\./.test(candidate.textContent ?? ''));
      if (!region) throw new Error('not said yet');
      return region;
    });
    observer.disconnect();
    expect(arrived.get(note)).toBe('');
    // The note people see was drawn whole at once (nothing below it moved when the words came),
    // hidden from screen readers, which hear the status.
    const seen = [...document.querySelectorAll('p.notice')].find((p) => /Signed out of Demo Store\./.test(p.textContent));
    expect(seen).toHaveAttribute('aria-hidden', 'true');
    await eventually(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Connect Demo Store' })));
  });
});
