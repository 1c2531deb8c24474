/**
 * Every store platform the app can speak. To add one (StoreHippo, FlickRocket, Shopware 6, Foxy):
 * write `<kind>-profile.ts` (plain data) and `<kind>.ts` (the adapter), and list both here.
 * Profiles are small and always here; adapters load when a store's API is first used.
 */
import { AppError } from '../oauth/errors.ts';
import { goodsieProfile } from './goodsie-profile.ts';
import { shopware6Profile } from './shopware6-profile.ts';
import type { LoadedProvider, ProviderProfile } from './types.ts';

/**
 * A kind's light profile, and (Goodsie, until it moves onto the seam) its numbered-page adapter for
 * the store API client. The seam's connectors and adapter factories are in loaders.ts, which the
 * widget never imports (its build would inline them).
 */
interface Entry {
  profile: ProviderProfile;
  load?: () => Promise<LoadedProvider>;
}

const PROVIDERS: ReadonlyMap<string, Entry> = new Map<string, Entry>([
  ['goodsie', { profile: goodsieProfile, load: () => import('./goodsie.ts').then((m) => m.goodsie) }],
  ['shopware6', { profile: shopware6Profile }],
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

