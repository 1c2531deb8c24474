/**
 * The Embed screen of the platforms with no Embed tab (StoreHippo, FlickRocket, Foxy: no credential
 * that can only show products): reached by its address, it says why in that platform's own terms,
 * under one heading, and offers neither snippet nor token.
 */
import { cleanup, render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AppConfig } from '../../../src/lib/config/types.ts';
import { Session } from '../../../src/lib/state/session.svelte.ts';
import EmbedHarness from './EmbedHarness.svelte';

type AuthLike = ConstructorParameters<typeof Session>[0];

const CONFIG: AppConfig = {
  stores: [
    { id: 'hippo', kind: 'storehippo', name: 'Hippo Demo', apiBase: 'https://hippo.example', apiVersion: '1.1', auth: ['access-key', 'token'], currency: 'INR' },
    {
      id: 'fr',
      kind: 'flickrocket',
      name: 'FR Shop',
      apiBase: 'https://admin.flickrocket.example',
      authorizationEndpoint: 'https://admin.flickrocket.example/oauth2/auth',
      tokenEndpoint: 'https://admin.flickrocket.example/token',
      clientId: 'MyApp.1.apps.flickrocket.com',
      redirectUri: 'https://app.example/',
      defaultScopes: ['products'],
    },
  ],
};

afterEach(cleanup);

function open(storeId: string): { beginSignIn: ReturnType<typeof vi.fn>; navigate: ReturnType<typeof vi.fn> } {
  const beginSignIn = vi.fn();
  const auth = { persistent: true, listSessions: async () => ({ sessions: [], discarded: [], seamRecords: new Map() }), beginSignIn, onEvent: () => () => undefined } as unknown as AuthLike;
  const navigate = vi.fn();
  render(EmbedHarness, { props: { session: new Session(auth, CONFIG), storeId, navigate } });
  return { beginSignIn, navigate };
}

describe('EmbedView for a store whose platform has no publishable credential', () => {
  it.each([
    // FlickRocket's access is no "key", and it can do more than read: edit and delete products
    ['fr', 'FR Shop', /FlickRocket has no read-only access: the products access this app holds also edits and deletes products\./],
    ['hippo', 'Hippo Demo', /StoreHippo has no public storefront key: its API reads only with an access key, which carries every permission of its user’s role\./],
  ])('%s: the platform’s own reason under “cannot be embedded”, no snippet, no token, the way back', async (storeId, name, reason) => {
    const { beginSignIn, navigate } = open(storeId);
    expect(await screen.findByRole('heading', { name: `Products of ${name} cannot be embedded`, level: 2 })).toBeInTheDocument();
    expect(screen.getByText(reason)).toBeInTheDocument();
    expect(screen.queryByRole('textbox')).not.toBeInTheDocument();
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
    expect(beginSignIn).not.toHaveBeenCalled();
    expect(navigate).not.toHaveBeenCalled();
    expect(screen.getByRole('link', { name: 'Back to the catalogue' })).toHaveAttribute('href', `#/s/${storeId}`);
  });
});
