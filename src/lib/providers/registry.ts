/**
 * Every store platform the app can speak. To add one: write `<kind>-profile.ts` (plain data) and
 * list it here, and a folder `<kind>/` with its connectors and adapter, listed in loaders.ts (as
 * shopware6/, storehippo/, flickrocket/ and foxy/ are); its config's type and name go in
 * connect/store-config.ts (StoreKind) and the vault's list of kinds (credential-vault.ts).
 * Profiles load with config.json when it names a store of their kind; connectors and adapters load
 * when a store of that kind is first used.
 */
import { AppError } from '../oauth/errors.ts';
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

/**
 * Goodsie's adapter, asked for once: a second import() of a module already in still resolves only in
 * a later task, and a returning visitor's first request waited for one (the boot's early ask, then the
 * client's). A failed download is tried again at the next call.
 */
let goodsie: Promise<LoadedProvider> | undefined;
const loadGoodsie = (): Promise<LoadedProvider> =>
  (goodsie ??= import('./goodsie.ts').then(
    (m) => m.goodsie,
    (error: unknown) => {
      goodsie = undefined;
      throw error;
    },
  ));

/** The numbered-page adapters (the store API client's), by kind: Goodsie's until it moves onto the seam. */
const NUMBERED_PAGE_ADAPTERS: Readonly<Record<string, () => Promise<LoadedProvider>>> = { goodsie: loadGoodsie };

/** The profiles loaded so far, each with its numbered-page adapter where its kind has one. */
const PROVIDERS = new Map<string, Entry>();

/**
 * Every kind's profile (its form texts, risk lines and validators), loaded by loadProfiles when
 * config.json names such a store: a deployment without one never downloads it, and the first load
 * carries none.
 */
// No prototype: `kind in LAZY_PROFILES` is false for "__proto__", "toString" and every other name
// all objects have, so such a kind in config.json is named as a wrong kind, not loaded as a profile.
const LAZY_PROFILES = {
  __proto__: null,
  goodsie: () => import('./goodsie-profile.ts').then((m) => m.goodsieProfile),
  shopware6: () => import('./shopware6-profile.ts').then((m) => m.shopware6Profile),
  storehippo: () => import('./storehippo-profile.ts').then((m) => m.storeHippoProfile),
  foxy: () => import('./foxy-profile.ts').then((m) => m.foxyProfile),
  flickrocket: () => import('./flickrocket-profile.ts').then((m) => m.flickRocketProfile),
} as unknown as Readonly<Record<string, () => Promise<ProviderProfile>>>; // `__proto__` is the literal's prototype, not a key

/** The kinds a config.json `kind` may name. */
export function knownProviderKinds(): string[] {
  return Object.keys(LAZY_PROFILES);
}

/** Loads the profiles of `kinds` not loaded yet (unknown kinds are left for validation to name). */
export async function loadProfiles(kinds: Iterable<unknown>): Promise<void> {
  const missing = [...new Set(kinds)].filter((k): k is string => typeof k === 'string' && !PROVIDERS.has(k) && k in LAZY_PROFILES);
  const loaded = await Promise.all(missing.map((kind) => LAZY_PROFILES[kind]!()));
  for (const profile of loaded) {
    const load = NUMBERED_PAGE_ADAPTERS[profile.kind];
    PROVIDERS.set(profile.kind, load ? { profile, load } : { profile });
  }
}

function entry(kind: string): Entry {
  const found = PROVIDERS.get(kind);
  if (!found) throw new AppError('CONFIG_INVALID', kind in LAZY_PROFILES ? `the ${kind} profile is not loaded (loadProfiles first)` : `unknown store kind "${kind}"`);
  return found;
}

/** The profile for `kind`; CONFIG_INVALID when no such platform is known (config is validated first). */
export function getProvider(kind: string): ProviderProfile {
  return entry(kind).profile;
}

/** The profile with its adapter, loaded on first use. */
export function loadProvider(kind: string): Promise<LoadedProvider> {
  let found: Entry;
  try {
    found = entry(kind);
  } catch (error) {
    return Promise.reject(error);
  }
  if (!found.load) return Promise.reject(new AppError('CONFIG_INVALID', `${kind} has no numbered-page adapter`));
  return found.load();
}

