/**
 * The registry's heavy half: per kind, the lazily loaded connectors (one per connection mode) and
 * adapter factory, as RegistryEntry with the kind's profile. New kinds add one line here.
 */
import type { CreateAdapter } from '../connect/adapter.ts';
import type { Connector } from '../connect/connector.ts';
import { AppError } from '../oauth/errors.ts';
import { getProvider } from './registry.ts';
import type { RegistryEntry } from './types.ts';

type Loaders = Omit<RegistryEntry, 'profile'>;

const LOADERS: ReadonlyMap<string, Loaders> = new Map<string, Loaders>([
  [
    'goodsie',
    {
      // the implicit flow is a connector; code + PKCE runs in oidc-client-ts (oidc/code-flow.ts) behind auth/redirect-flows.ts
      loadConnector: (mode) =>
        mode === 'implicit'
          ? import('./goodsie-implicit.ts').then((m) => m.goodsieImplicitConnector as unknown as Connector)
          : Promise.reject(new AppError('CONFIG_INVALID', `Goodsie's ${mode} flow runs in oidc-client-ts`)),
      loadAdapter: () => import('./goodsie-adapter.ts').then((m) => m.createGoodsieAdapter as CreateAdapter),
    },
  ],
  [
    'shopware6',
    {
      loadConnector: (mode) => import('./shopware6/connectors.ts').then((m) => m.shopware6Connector(mode)),
      loadAdapter: () => import('./shopware6/adapter.ts').then((m) => m.createShopware6Adapter as unknown as CreateAdapter),
    },
  ],
  [
    'storehippo',
    {
      loadConnector: (mode) => import('./storehippo/connector.ts').then((m) => m.storeHippoConnector(mode)),
      loadAdapter: () => import('./storehippo/adapter.ts').then((m) => m.createStoreHippoAdapter as unknown as CreateAdapter),
    },
  ],
  [
    'foxy',
    {
      loadConnector: (mode) => import('./foxy/connector.ts').then((m) => m.foxyConnectorFor(mode)),
      loadAdapter: () => import('./foxy/adapter.ts').then((m) => m.createFoxyAdapter as unknown as CreateAdapter),
    },
  ],
  [
    'flickrocket',
    {
      loadConnector: () => import('./flickrocket/connector.ts').then((m) => m.flickRocketConnector as unknown as Connector),
      loadAdapter: () => import('./flickrocket/adapter.ts').then((m) => m.createFlickRocketAdapter as unknown as CreateAdapter),
    },
  ],
]);

/** The registry entry of `kind`: profile + lazy loaders; CONFIG_INVALID for an unknown kind. */
export function registryEntry(kind: string): RegistryEntry {
  const loaders = LOADERS.get(kind);
  if (!loaders) throw new AppError('CONFIG_INVALID', `unknown store kind "${kind}"`);
  return { profile: getProvider(kind), ...loaders };
}

/** The connector of `kind` for connection mode `mode`, loaded on first use. */
export function loadConnector(kind: string, mode: string): Promise<Connector> {
  return registryEntry(kind).loadConnector(mode);
}

/** The adapter factory of `kind` (one adapter per store), loaded on first use. */
export function loadAdapter(kind: string): Promise<CreateAdapter> {
  return registryEntry(kind).loadAdapter();
}
