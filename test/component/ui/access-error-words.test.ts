/**
 * A 403 on a platform without scopes to ask for (a StoreHippo key's role, a Shopware integration's
 * rights) on a screen with no lock of its own (the catalogue, a product): the panel says what the
 * platform said and what to change at the store, not only "More access needed".
 */
import { cleanup, render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import type { StoreConfig } from '../../../src/lib/config/types.ts';
import AccessError from '../../../src/lib/components/AccessError.svelte';
import { HttpError } from '../../../src/lib/oauth/http-errors.ts';
import { AppError } from '../../../src/lib/oauth/errors.ts';
import { storeHippoForbidden } from '../../../src/lib/providers/storehippo/adapter.ts';
import { forbidden as shopwareForbidden } from '../../../src/lib/providers/shopware6/hooks.ts';
import { loadProfiles, knownProviderKinds } from '../../../src/lib/providers/registry.ts';
import type { StoreApis } from '../../../src/lib/state/apis.svelte.ts';
import { Router } from '../../../src/lib/state/router.svelte.ts';
import { sessionOf } from '../../helpers/stub-session.ts';
import Harness from './Harness.svelte';

await loadProfiles(knownProviderKinds());
afterEach(() => cleanup());

const HIPPO: StoreConfig = { id: 'hippo', kind: 'storehippo', name: 'Hippo Demo', apiBase: 'https://hippo.example', apiVersion: '1.1', auth: ['access-key', 'token'], currency: 'INR' };
const SHOP: StoreConfig = { id: 'sw', kind: 'shopware6', name: 'Fruit Shop', apiBase: 'https://shop.example', auth: ['integration', 'password'] };

function showRefusal(store: StoreConfig, error: Error, more: { retryWhenOnline?: boolean; unsure?: string } = {}): HTMLElement {
  const session = sessionOf(store);
  session.link({ v: 2, storeId: store.id, kind: store.kind, mode: store.kind === 'storehippo' ? 'access-key' : 'integration', secrets: { k: 'K' }, capabilities: ['browse'] });
  const apis = { for: () => ({}) } as unknown as StoreApis;
  render(Harness, { props: { session, apis, router: new Router(), component: AccessError, props: () => ({ storeId: store.id, error, onRetry: () => undefined, what: 'Seeing the catalogue', ...more }) } });
  return screen.getByRole('alert');
}

describe('a 403 with no scope to ask for', () => {
  it('StoreHippo: says the key’s role cannot read products, and where to change it', () => {
    const panel = showRefusal(HIPPO, new HttpError('API_INSUFFICIENT_SCOPE', 403, storeHippoForbidden(null, 'listProducts')));
    expect(panel).toHaveTextContent('More access needed');
    expect(panel).toHaveTextContent('StoreHippo: this key’s role cannot read products. Give the key’s user a role that allows it in StoreHippo Admin › Users, or paste a key of such a user.');
  });

  it('Shopware: names the missing privileges Shopware listed, and the rights to give the integration’s role', () => {
    const body = { errors: [{ status: '403', code: 'FRAMEWORK__MISSING_PRIVILEGE_ERROR', title: 'Forbidden', detail: JSON.stringify({ message: 'Missing privilege', missingPrivileges: ['product:read'] }) }] };
    const panel = showRefusal(SHOP, new HttpError('API_INSUFFICIENT_SCOPE', 403, shopwareForbidden(body, 'listProducts')));
    expect(panel).toHaveTextContent('Shopware says this connection lacks the right: product:read. Give the integration’s role the read rights of the catalogue');
    expect(panel).not.toHaveTextContent('The store did not grant the access this needs.');
  });
});

describe('no answer within the store API time limit (API_TIMEOUT)', () => {
  const late = () => new AppError('API_TIMEOUT', 'the store did not answer within 20 s');

  it('a read: names the store as taking too long to answer, with Try again; not "could not be reached"', () => {
    const panel = showRefusal(SHOP, late());
    expect(panel).toHaveTextContent('Fruit Shop is taking too long to answer');
    expect(panel).toHaveTextContent('It may be busy or having trouble. Try again in a moment.');
    expect(panel).not.toHaveTextContent('could not be reached');
    expect(screen.getByRole('button', { name: 'Try again' })).toBeInTheDocument();
  });

  it('a write: says the store may have made the change and to check first, with the form’s own words where it gives them', () => {
    const general = showRefusal(HIPPO, late(), { retryWhenOnline: false });
    expect(general).toHaveTextContent('Hippo Demo did not answer in time');
    expect(general).toHaveTextContent('The change may have been made there all the same: check before trying again. What you typed is kept here.');
    cleanup();
    const cart = showRefusal(HIPPO, late(), { retryWhenOnline: false, unsure: 'The cart may have it already.' });
    expect(cart).toHaveTextContent('Hippo Demo did not answer in time');
    expect(cart).toHaveTextContent('The cart may have it already.');
    expect(cart).not.toHaveTextContent('The change may have been made');
  });
});
