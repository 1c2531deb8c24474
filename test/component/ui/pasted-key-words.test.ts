/**
 * The words around stores connected with a pasted key (Shopware 6, StoreHippo, Foxy), as a merchant
 * meets them: the stores list's intro says who decides what the app may do, true of the stores the
 * config lists; every connected store's line has one shape, its caveat only where it applies; the
 * store bar's Forget says what it forgets at a phone's width; a locked panel says its reason once and
 * offers another key in the stores list's form, in place.
 */
import { cleanup, render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { StoreConfig } from '../../../src/lib/config/types.ts';
import type { Credential } from '../../../src/lib/connect/credential.ts';
import type { Capability } from '../../../src/lib/domain/capability.ts';
import HomeView from '../../../src/lib/components/views/HomeView.svelte';
import LockedFeature from '../../../src/lib/components/LockedFeature.svelte';
import ProductView from '../../../src/lib/components/views/ProductView.svelte';
import type { Product } from '../../../src/lib/domain/catalog.ts';
import OrdersView from '../../../src/lib/components/views/OrdersView.svelte';
import StoreBar from '../../../src/lib/components/StoreBar.svelte';
import { AppError } from '../../../src/lib/oauth/errors.ts';
import { loadProfiles, knownProviderKinds } from '../../../src/lib/providers/registry.ts';
import type { StoreApis } from '../../../src/lib/state/apis.svelte.ts';
import { Router } from '../../../src/lib/state/router.svelte.ts';
import { Session } from '../../../src/lib/state/session.svelte.ts';
import type { StoreConnections } from '../../../src/lib/state/store-connections.ts';
import { sessionOf } from '../../helpers/stub-session.ts';
import Harness from './Harness.svelte';
import { show } from './show-in-harness.ts';
import { can } from '../../../src/lib/state/store-capabilities.ts';

await loadProfiles(knownProviderKinds());

afterEach(() => cleanup());

// The product editor and a locked panel's key form are imported when they come (ProductManage,
// LockedFeature): a first import is transformed on the spot, over 5 s of the test that opens it at a
// load of 10-15 on 2 cores (its wait for the editor's Name, or for the Access key field, ran out).
// Transformed once here, for the file; each still comes by its own import().
beforeAll(async () => {
  await Promise.all([import('../../../src/lib/components/ProductEditor.svelte'), import('../../../src/lib/components/ConnectWithCredentials.svelte')]);
}, 60_000);

const HIPPO: StoreConfig = { id: 'hippo', kind: 'storehippo', name: 'Hippo Demo', apiBase: 'https://hippo.example', apiVersion: '1.1', auth: ['access-key', 'token'], currency: 'INR' };
const SHOP: StoreConfig = { id: 'sw', kind: 'shopware6', name: 'Fruit Shop', apiBase: 'https://shop.example', auth: ['integration', 'password'] };
const FOXY: StoreConfig = { id: 'foxy', kind: 'foxy', name: 'Foxy Store', apiBase: 'https://api.foxy.io', auth: ['token-bundle'] };
const GOODS: StoreConfig = {
  id: 'acme',
  kind: 'goodsie',
  name: 'Acme',
  authorizationEndpoint: 'https://acme.example/oauth2/authorize',
  apiBase: 'https://acme.example',
  clientId: 'app',
  redirectUri: 'https://app.example/',
  defaultScopes: ['storefront'],
  flow: 'token',
};


function linked(store: StoreConfig, mode: string, capabilities: Capability[]): Credential {
  return { v: 2, storeId: store.id, kind: store.kind, mode, secrets: { accessKey: 'K' }, capabilities };
}

/** The store's door answers Check again with `credential` (the role changed there meanwhile). */
function rechecksAs(session: Session, credential: Credential): void {
  vi.spyOn(session, 'seam').mockResolvedValue({ recheck: async () => credential } as unknown as StoreConnections);
}


const intro = () => screen.getByRole('heading', { name: 'Your stores' }).nextElementSibling?.textContent?.replace(/\s+/g, ' ').trim();

describe('the stores list’s intro', () => {
  it('says, to someone who never heard of OAuth, what Connect does where every store signs in on its own page: it opens that page, the password goes there (not here), and the person chooses what the app may do', () => {
    show(sessionOf(GOODS), HomeView, { callbackError: null });
    expect(intro()).toBe('Connect a store to browse its catalogue. Connect opens the store’s own page: you sign in there, not here, and choose what this app may do.');
  });

  it('says the key decides where every store takes a pasted key (no consent page to decide on)', () => {
    show(sessionOf(HIPPO, SHOP, FOXY), HomeView, { callbackError: null });
    expect(intro()).toBe('Connect a store to browse its catalogue. The access its admin gives you decides what this app may do.');
  });

  it('says both where both kinds are listed', () => {
    show(sessionOf(GOODS, HIPPO), HomeView, { callbackError: null });
    expect(intro()).toBe(
      'Connect a store to browse its catalogue. Connect opens the store’s own page: you sign in there, not here, and choose what this app may do. Where a store takes a pasted credential, the access its admin gives you decides.',
    );
  });
});

describe('a connected store’s line', () => {
  const line = async (name: string) => (await within(screen.getByRole('heading', { name, level: 2 }).closest('li')!).findByText(/^Connected · /)).textContent;

  it('one shape for every platform: what the key allows, and what its role does not; the caveat only on what the app could not confirm', async () => {
    const session = sessionOf(HIPPO, SHOP, FOXY);
    session.link(linked(HIPPO, 'access-key', ['browse']));
    session.link(linked(SHOP, 'integration', ['browse', 'viewOrders', 'viewCoupons', 'editProducts']));
    session.link(linked(FOXY, 'token-bundle', []));
    show(session, HomeView, { callbackError: null });
    expect(await line('Hippo Demo')).toBe('Connected · can browse products; not allowed to see orders or coupons, or to edit products');
    // a Shopware integration's edit right cannot be read by its probe: the first save tells
    expect(await line('Fruit Shop')).toBe('Connected · can browse products, see orders and coupons, and edit products if the key’s role allows it');
    expect(await line('Foxy Store')).toBe('Connected · can browse products and see orders and coupons');
  });

  it('an Administration sign-in: no "if the role allows it", and not called an integration key', async () => {
    const session = sessionOf(SHOP);
    session.link({ ...linked(SHOP, 'password', ['browse', 'viewOrders', 'viewCoupons', 'editProducts']), secrets: {} });
    show(session, HomeView, { callbackError: null });
    expect(await line('Fruit Shop')).toBe('Connected · can browse products, see orders and coupons, and edit products');
  });
});

describe('the store bar of a pasted-key store', () => {
  it('reads “Forget key” (short enough for a phone), its name saying whose', () => {
    const session = sessionOf(HIPPO);
    session.link(linked(HIPPO, 'access-key', ['browse']));
    show(session, StoreBar, { storeId: 'hippo' });
    const button = screen.getByRole('button', { name: 'Forget key for Hippo Demo' });
    expect(button.textContent?.replace(/\s+/g, ' ').trim()).toBe('Forget key for Hippo Demo');
    expect(button.querySelector('.visually-hidden')?.textContent).toBe('for Hippo Demo');
  });

  it('an Administration sign-in is a sign-in to forget, not a key', () => {
    const session = sessionOf(SHOP);
    session.link({ ...linked(SHOP, 'password', ['browse']), secrets: {} });
    show(session, StoreBar, { storeId: 'sw' });
    expect(screen.getByRole('button', { name: 'Forget sign-in for Fruit Shop' })).toBeInTheDocument();
  });
});

describe('a locked panel of a pasted-key store', () => {
  const showLocked = (session: Session) => show(session, LockedFeature, { storeId: 'hippo', scope: '', what: 'Seeing the store’s orders', capability: 'viewOrders' });

  it('says the reason once, and Use another key opens the stores list’s form in place; a key that connects unlocks it', async () => {
    const session = sessionOf(HIPPO);
    session.link(linked(HIPPO, 'access-key', ['browse']));
    const connect = vi.spyOn(session, 'connectWithCredentials').mockImplementation(async () => session.link(linked(HIPPO, 'access-key', ['browse', 'viewOrders', 'viewCoupons'])));
    showLocked(session);
    const note = screen.getByRole('note');
    expect(note).toHaveTextContent(
      'Seeing the store’s orders is not allowed for this connection to Hippo Demo. Give the key’s user a role that allows it in StoreHippo Admin › Users. Then check again, or use another key.',
    );
    expect(note.textContent).not.toMatch(/StoreHippo: this key’s role cannot/);

    const another = within(note).getByRole('button', { name: 'Use another key' });
    expect(another).toHaveAttribute('aria-expanded', 'false');
    await userEvent.click(another);
    expect(another).toHaveAttribute('aria-expanded', 'true');
    // the stores list's form (both modes of this store), the current one chosen, the focus in its key field
    const key = await within(note).findByLabelText('Access key', { selector: 'input[type=password]' });
    expect(key).toHaveFocus();
    await userEvent.type(key, 'MANAGERKEY{Enter}');
    expect(connect).toHaveBeenCalledWith('hippo', 'access-key', { accessKey: 'MANAGERKEY' });
    expect(can(session, 'hippo', 'viewOrders')).toBe(true);
  });

  it('a key the store refuses: the form says why, once, and the old connection stays as it was', async () => {
    const session = sessionOf(HIPPO);
    session.link(linked(HIPPO, 'access-key', ['browse']));
    vi.spyOn(session, 'connectWithCredentials').mockRejectedValue(new AppError('CREDENTIALS_REJECTED', 'It is wrong, disabled or deleted.'));
    showLocked(session);
    await userEvent.click(screen.getByRole('button', { name: 'Use another key' }));
    await userEvent.type(await screen.findByLabelText('Access key', { selector: 'input[type=password]' }), 'WRONGKEY{Enter}');
    expect(await screen.findByRole('alert')).toHaveTextContent(/^StoreHippo did not accept this access key\. It is wrong, disabled or deleted\.$/);
    expect(session.isConnected('hippo')).toBe(true);
    expect(can(session, 'hippo', 'browse')).toBe(true);
    expect(screen.getByRole('note')).toHaveTextContent('is not allowed');
  });

  it('a key that connects but still does not allow it: said so, the focus back on Use another key', async () => {
    const session = sessionOf(HIPPO);
    session.link(linked(HIPPO, 'access-key', ['browse']));
    vi.spyOn(session, 'connectWithCredentials').mockImplementation(async () => session.link(linked(HIPPO, 'access-key', ['browse'])));
    showLocked(session);
    await userEvent.click(screen.getByRole('button', { name: 'Use another key' }));
    await userEvent.type(await screen.findByLabelText('Access key', { selector: 'input[type=password]' }), 'OTHERKEY{Enter}');
    expect(await screen.findByRole('status')).toHaveTextContent('Connected with the new key: Hippo Demo still does not allow it.');
    expect(screen.getByRole('button', { name: 'Use another key' })).toHaveFocus();
    expect(screen.queryByLabelText('Access key', { selector: 'input[type=password]' })).not.toBeInTheDocument();
  });

  it('a store named in Hebrew: the words after a new key, and after Check again, isolate its name (shared/direction.ts)', async () => {
    const store = { ...HIPPO, name: '24/7 מרקט' };
    const session = sessionOf(store);
    session.link(linked(store, 'access-key', ['browse']));
    vi.spyOn(session, 'connectWithCredentials').mockImplementation(async () => session.link(linked(store, 'access-key', ['browse'])));
    rechecksAs(session, linked(store, 'access-key', ['browse']));
    showLocked(session);
    await userEvent.click(screen.getByRole('button', { name: 'Use another key' }));
    await userEvent.type(await screen.findByLabelText('Access key', { selector: 'input[type=password]' }), 'OTHERKEY{Enter}');
    expect(await screen.findByRole('status')).toHaveTextContent('Connected with the new key: \u206824/7 מרקט\u2069 still does not allow it.');
    await userEvent.click(screen.getByRole('button', { name: 'Check again' }));
    await vi.waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('Checked: \u206824/7 מרקט\u2069 still does not allow it.'));
  });

  describe('on the Orders screen, drawn afresh when a key connects in place (as Shell keys it)', () => {
    const apis = { for: () => ({ listOrders: async () => ({ orders: [], paging: { total: 0 } }) }) } as unknown as StoreApis;
    const showOrders = (session: Session) =>
      render(Harness, { props: { session, apis, router: new Router(), component: OrdersView, props: () => ({ storeId: 'hippo', page: 0 }), keyedBy: 'hippo' } });

    it('the same read-only key again: the new panel says so, the focus on its Use another key, no Svelte warning', async () => {
      const warn = vi.spyOn(console, 'warn');
      const session = sessionOf(HIPPO);
      session.link(linked(HIPPO, 'access-key', ['browse']));
      vi.spyOn(session, 'connectWithCredentials').mockImplementation(async () => session.link(linked(HIPPO, 'access-key', ['browse'])));
      showOrders(session);
      await userEvent.click(screen.getByRole('button', { name: 'Use another key' }));
      await userEvent.type(await screen.findByLabelText('Access key', { selector: 'input[type=password]' }), 'READKEY{Enter}');
      expect(await screen.findByRole('status')).toHaveTextContent('Connected with the new key: Hippo Demo still does not allow it.');
      await vi.waitFor(() => expect(screen.getByRole('button', { name: 'Use another key' })).toHaveFocus());
      expect(warn.mock.calls.flat().join(' ')).not.toMatch(/derived_inert/);
      warn.mockRestore();
    });

    it('Check again, the role changed meanwhile: the lock goes, the focus to the Orders heading', async () => {
      const session = sessionOf(HIPPO);
      session.link(linked(HIPPO, 'access-key', ['browse']));
      rechecksAs(session, linked(HIPPO, 'access-key', ['browse', 'viewOrders']));
      showOrders(session);
      await userEvent.click(screen.getByRole('button', { name: 'Check again' }));
      await vi.waitFor(() => expect(screen.getByRole('heading', { name: 'Orders' })).toHaveFocus());
      expect(screen.queryByRole('note')).not.toBeInTheDocument();
    });

    it('the manager key: the focus to the Orders heading', async () => {
      const session = sessionOf(HIPPO);
      session.link(linked(HIPPO, 'access-key', ['browse']));
      vi.spyOn(session, 'connectWithCredentials').mockImplementation(async () => session.link(linked(HIPPO, 'access-key', ['browse', 'viewOrders'])));
      showOrders(session);
      await userEvent.click(screen.getByRole('button', { name: 'Use another key' }));
      await userEvent.type(await screen.findByLabelText('Access key', { selector: 'input[type=password]' }), 'MANAGERKEY{Enter}');
      await vi.waitFor(() => expect(screen.getByRole('heading', { name: 'Orders' })).toHaveFocus());
    });
  });

  it('a product page, editing locked: Check again, the role changed meanwhile, puts the focus in the editor that comes (its Name)', async () => {
    const product: Product = { id: 'p1', name: 'Apple', descriptionHtml: '', descriptionShort: '', price: 1, currency: 'EUR', compareAtPrice: null, images: [], categories: [], tags: [], inStock: true, published: true, created: '2026-01-01T00:00:00Z' };
    const apis = { for: () => ({ getProduct: async () => product }), info: () => ({}) } as unknown as StoreApis;
    const session = sessionOf(SHOP);
    session.link(linked(SHOP, 'integration', ['browse']));
    rechecksAs(session, linked(SHOP, 'integration', ['browse', 'editProducts']));
    render(Harness, { props: { session, apis, router: new Router(), component: ProductView, props: () => ({ storeId: 'sw', productId: 'p1' }), keyedBy: 'sw' } });
    await userEvent.click(await screen.findByRole('button', { name: 'Manage this product (store owners)' }));
    await userEvent.click(screen.getByRole('button', { name: 'Check again' }));
    // the editor's code is imported when it comes (its first transform is done in beforeAll)
    await vi.waitFor(() => expect(screen.getByRole('textbox', { name: 'Name' })).toHaveFocus());
  });
});
