import type { StoreConfig } from '../connect/store-config.ts';

/** One store entry: a union by `kind` (connect/store-config.ts), each kind validated by its profile. */
export type { GoodsieStoreConfig, StoreConfig } from '../connect/store-config.ts';

export interface AppConfig {
  stores: StoreConfig[];
}
