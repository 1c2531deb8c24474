import { AppError } from '../oauth/errors.ts';
import type { StoreConfigOf, StoreKind } from '../connect/store-config.ts';
import type { AppConfig, StoreConfig } from './types.ts';

/** The configured store `storeId`; CONFIG_INVALID when there is none (or, with `kind`, when it is another kind). */
export function findStore(config: AppConfig, storeId: string): StoreConfig;
export function findStore<K extends StoreKind>(config: AppConfig, storeId: string, kind: K): StoreConfigOf<K>;
export function findStore(config: AppConfig, storeId: string, kind?: StoreKind): StoreConfig {
  const store = config.stores.find((candidate) => candidate.id === storeId);
  if (!store) throw new AppError('CONFIG_INVALID', 'no store with this id is configured', { storeId });
  if (kind !== undefined && store.kind !== kind) throw new AppError('CONFIG_INVALID', `this store is not a ${kind} store`, { storeId });
  return store;
}
