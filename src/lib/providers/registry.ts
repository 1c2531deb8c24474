/**
 * Every store platform the app can speak. To add one (StoreHippo, FlickRocket, Shopware 6, Foxy):
 * write `<kind>-profile.ts` (plain data) and `<kind>.ts` (the adapter), and list both here.
 * Profiles are small and always here; adapters load when a store's API is first used.
 */
import { AppError } from '../oauth/errors.ts';
import { goodsieProfile } from './goodsie-profile.ts';
import { storeHippoProfile } from './storehippo-profile.ts';
import type { CreateAdapter } from '../connect/adapter.ts';
import type { Connector } from '../connect/connector.ts';
import { hasNumberedProvider } from './numbered-providers.ts';
import type { ProviderProfile, RegistryEntry } from './types.ts';

type Entry = RegistryEntry;

const PROVIDERS: ReadonlyMap<string, Entry> = new Map<string, Entry>([
  [
    'goodsie',
    {
      profile: goodsieProfile,
      // Goodsie's two OAuth flows still run in AuthService (auth/auth-service.ts); not yet connectors.
      loadConnector: () => Promise.reject(new AppError('CONFIG_INVALID', 'Goodsie connects through its OAuth flows')),
      loadAdapter: () => import('./goodsie-adapter.ts').then((m) => m.createGoodsieAdapter as CreateAdapter),
    },
  ],
  [
    'storehippo',
    {
      profile: storeHippoProfile,
      // The connector and adapter are typed for StoreHippo's config; the registry hands them only StoreHippo stores.
      loadConnector: (mode) => import('./storehippo/connector.ts').then((m) => m.createStoreHippoConnector(mode === 'token' ? 'token' : 'access-key') as unknown as Connector),
      loadAdapter: () => import('./storehippo/adapter.ts').then((m) => m.createStoreHippoAdapter as unknown as CreateAdapter),
    },
  ],
]);

/** Whether `kind` talks to its store through the seam's adapter in the app (Goodsie still uses its numbered client). */
export function usesSeamAdapter(kind: string): boolean {
  return !hasNumberedProvider(entry(kind).profile.kind);
}

/** The kinds a config.json `kind` may name. */
export function knownProviderKinds(): string[] {
  return [...PROVIDERS.keys()];
}

function entry(kind: string): Entry {
  const found = PROVIDERS.get(kind);
  if (!found) throw new AppError('CONFIG_INVALID', `unknown store kind "${kind}"`);
  return found;
}

/** The profile for `kind`; CONFIG_INVALID when no such platform is known (config is validated first). */
export function getProvider(kind: string): ProviderProfile {
  return entry(kind).profile;
}

/** Goodsie's numbered-page adapter for the store API client and the widget (numbered-providers.ts). */
export { loadProvider } from './numbered-providers.ts';

/** The connector of `kind` for connection mode `mode`, loaded on first use. */
export function loadConnector(kind: string, mode: string): Promise<Connector> {
  return entry(kind).loadConnector(mode);
}

/** The adapter factory of `kind` (one adapter per store), loaded on first use. */
export function loadAdapter(kind: string): Promise<CreateAdapter> {
  return entry(kind).loadAdapter();
}
