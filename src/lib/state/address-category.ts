/**
 * A catalogue address's category as the screen shows it: a platform that shows its categories in
 * other words than the ones it stores (StoreHippo: "Home decor" for the alias "home-decor") reads an
 * older address's spelling as the shown one (ProviderProfile.categoryFromAddress). Beside the
 * catalogue, in the store screen's code: the first load carries none of it.
 */
import type { StoreConfig } from '../config/types.ts';
import { getProvider } from '../providers/registry.ts';

export function categoryFromAddress(store: StoreConfig | undefined, text: string): string {
  const read = store && text !== '' ? getProvider(store.kind).categoryFromAddress : undefined;
  return read ? read(text) : text;
}
