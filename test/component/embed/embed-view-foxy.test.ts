/** The Embed screen for a Foxy store: no snippet, no token request, the reason in the platform's words. */
import { cleanup, render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AppConfig } from '../../../src/lib/config/types.ts';
import { Session } from '../../../src/lib/state/session.svelte.ts';
import EmbedHarness from './EmbedHarness.svelte';

type AuthLike = ConstructorParameters<typeof Session>[0];

const CONFIG: AppConfig = {
  stores: [{ id: 'foxy', kind: 'foxy', name: 'Foxy Store, with cart', apiBase: 'https://api.foxy.io', auth: ['token-bundle'] }],
};

afterEach(cleanup);

describe('EmbedView for a Foxy store', () => {
  it('explains that Foxy has no credential safe to publish, and offers neither snippet nor token', async () => {
    const beginSignIn = vi.fn();
    const auth = { persistent: true, listSessions: async () => ({ sessions: [], discarded: [], seamRecords: new Map() }), beginSignIn, onEvent: () => () => undefined } as unknown as AuthLike;
    const navigate = vi.fn();
    render(EmbedHarness, { props: { session: new Session(auth, CONFIG), storeId: 'foxy', navigate } });

    // A name from config.json may end in anything: it is never made possessive ("…, with cart’s products").
    expect(await screen.findByRole('heading', { name: 'Products of Foxy Store, with cart cannot be embedded' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Embed products of Foxy Store, with cart');
    expect(document.body.textContent).not.toContain('cart’s');
    expect(screen.getByText(/Foxy has no read-only credential/)).toBeInTheDocument();
    expect(screen.queryByRole('textbox')).not.toBeInTheDocument();
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
    expect(beginSignIn).not.toHaveBeenCalled();
    expect(navigate).not.toHaveBeenCalled();
    // not a dead end
    expect(screen.getByRole('link', { name: 'Back to the catalogue' })).toHaveAttribute('href', '#/s/foxy');
  });
});
