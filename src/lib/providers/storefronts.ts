/**
 * What the storefront widget reads, by kind: the platform's own public storefront API where it has
 * one (Shopware's Store API with the sales channel key), else the kind's provider with a storefront
 * bearer token. Apart from registry.ts on purpose: widget.js is one file that inlines every module
 * it can reach, so it must not reach the connectors and adapters the registry lists.
 */
import { AppError } from '../oauth/errors.ts';
import type { LoadedProvider, StorefrontProducts } from './types.ts';

export type WidgetSource = { style: 'bearer'; provider: LoadedProvider } | { style: 'public-key'; read: StorefrontProducts };

const SOURCES: ReadonlyMap<string, () => Promise<WidgetSource>> = new Map([
  ['goodsie', () => import('./goodsie.ts').then((m): WidgetSource => ({ style: 'bearer', provider: m.goodsie }))],
  ['shopware6', () => import('./shopware6/storefront.ts').then((m): WidgetSource => ({ style: 'public-key', read: m.shopware6StorefrontProducts }))],
]);

/** How the widget reads `kind`'s products, loaded on first use; CONFIG_INVALID for a kind without one. */
export function loadWidgetSource(kind: string): Promise<WidgetSource> {
  const load = SOURCES.get(kind);
  if (!load) return Promise.reject(new AppError('CONFIG_INVALID', `unknown store kind "${kind}"`));
  return load();
}
