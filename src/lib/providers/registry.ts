/**
 * Every store platform the app can speak. To add one (StoreHippo, FlickRocket, Shopware 6, Foxy):
 * write `<kind>-profile.ts` (plain data) and `<kind>.ts` (the adapter), and list both here.
 * Profiles are small and always here; adapters load when a store's API is first used.
 */
import { AppError } from '../oauth/errors.ts';
import { goodsieProfile } from './goodsie-profile.ts';
import type { CreateAdapter } from '../connect/adapter.ts';
import type { Connector } from '../connect/connector.ts';
import type { LoadedProvider, ProviderProfile, RegistryEntry } from './types.ts';

/** Goodsie also keeps its numbered-page adapter for the store API client (`load`) until it moves onto the seam. */
type Entry = RegistryEntry & { load?: () => Promise<LoadedProvider> };

const PROVIDERS: ReadonlyMap<string, Entry> = new Map<string, Entry>([
  [
    'goodsie',
    {
      profile: goodsieProfile,
      load: () => import('./goodsie.ts').then((m) => m.goodsie),
      // Goodsie's two OAuth flows still run in AuthService (auth/auth-service.ts); not yet connectors.
      loadConnector: () => Promise.reject(new AppError('CONFIG_INVALID', 'Goodsie connects through its OAuth flows')),
      loadAdapter: () => import('./goodsie-adapter.ts').then((m) => m.createGoodsieAdapter as CreateAdapter),
    },
  ],
]);

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

/** The profile with its adapter, loaded on first use. */
export function loadProvider(kind: string): Promise<LoadedProvider> {
  const found = entry(kind);
  if (!found.load) return Promise.reject(new AppError('CONFIG_INVALID', `${kind} has no numbered-page adapter`));
  return found.load();
}

/** The connector of `kind` for connection mode `mode`, loaded on first use. */
export function loadConnector(kind: string, mode: string): Promise<Connector> {
  return entry(kind).loadConnector(mode);
}

/** The adapter factory of `kind` (one adapter per store), loaded on first use. */
export function loadAdapter(kind: string): Promise<CreateAdapter> {
  return entry(kind).loadAdapter();
}
