/**
 * What the storefront widget reads, by kind: each platform's storefront reader, which asks for and
 * parses only what a card shows (Goodsie with a storefront bearer token, Shopware's Store API with
 * the sales channel key). Apart from registry.ts on purpose: widget.js is one file that inlines every
 * module it can reach, so it must not reach the connectors and adapters the registry lists.
 */
import { AppError } from '../oauth/errors.ts';
import { goodsieStorefrontProducts } from './goodsie-storefront.ts';
import { shopware6StorefrontProducts } from './shopware6/storefront.ts';
import type { StorefrontProducts } from './types.ts';

/** The kinds the widget reads (its `kind` attribute, as config.json's `kind`), each with its reader. */
export const WIDGET_READERS: ReadonlyMap<string, StorefrontProducts> = new Map([
  ['goodsie', goodsieStorefrontProducts],
  ['shopware6', shopware6StorefrontProducts],
]);

/** How the widget reads `kind`'s products; CONFIG_INVALID for a kind without a storefront reader. */
export function widgetReader(kind: string): StorefrontProducts {
  const read = WIDGET_READERS.get(kind);
  if (!read) throw new AppError('CONFIG_INVALID');
  return read;
}
