/**
 * Whether the Embed screen can write a snippet for a store: Goodsie's storefront token, or the
 * platform's public storefront key (Shopware). StoreHippo has neither: only the secret access key
 * reads its API, and that never goes into a web page. Apart from Session so the first load does
 * not carry it (only the store tabs and the Embed screen ask).
 */
import type { StoreConfig } from '../config/types.ts';
import { runsOnSeam } from '../connect/store-config.ts';
import { getProvider } from '../providers/registry.ts';

export function embeds(store: StoreConfig | undefined): boolean {
  return store !== undefined && (!runsOnSeam(store.kind) || getProvider(store.kind).storefrontKey !== undefined);
}
