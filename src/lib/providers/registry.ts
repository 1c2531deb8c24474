/**
 * Every store platform the app can speak. To add one (StoreHippo, FlickRocket, Shopware 6, Foxy):
 * write `<kind>.ts` exporting a ProviderProfile and list it here.
 */
import { AppError } from '../oauth/errors.ts';
import { goodsie } from './goodsie.ts';
import type { ProviderProfile } from './types.ts';

const PROVIDERS: ReadonlyMap<string, ProviderProfile> = new Map([goodsie].map((profile) => [profile.kind, profile]));

/** The kinds a config.json `kind` may name. */
export function knownProviderKinds(): string[] {
  return [...PROVIDERS.keys()];
}

/** The profile for `kind`; CONFIG_INVALID when no such platform is known (config is validated first). */
export function getProvider(kind: string): ProviderProfile {
  const profile = PROVIDERS.get(kind);
  if (!profile) throw new AppError('CONFIG_INVALID', `unknown store kind "${kind}"`);
  return profile;
}
