/**
 * Shopware's currency table and price choice (platforms.md 4.3): a product's `price[]` has one entry
 * per currency id; the chosen currency's entry wins, else the default currency's entry times the
 * chosen currency's `factor` (what Shopware itself does for a product priced only in the default
 * currency); a list price counts only when it is above the price.
 */
import { AppError } from '../../oauth/errors.ts';
import { roundToCurrency } from '../money.ts';
import { invalidResponse, optionalArray, readObject, requireCurrency, requireNumber, requireString, type WireObject } from '../wire.ts';
import { SW_DEFAULT_CURRENCY_ID } from './wire.ts';

export interface SwCurrency {
  id: string;
  isoCode: string;
  /** Rate against the system default currency (1 for it). */
  factor: number;
}

export interface CurrencyTable {
  byId: ReadonlyMap<string, SwCurrency>;
  byIso: ReadonlyMap<string, SwCurrency>;
}

const HEX32 = /^[0-9a-f]{32}$/;

/** Reads `POST /api/search/currency` data into a table. */
export function readCurrencyTable(data: readonly unknown[]): CurrencyTable {
  const byId = new Map<string, SwCurrency>();
  const byIso = new Map<string, SwCurrency>();
  data.forEach((item, index) => {
    const path = `data[${index}]`;
    const wire = readObject(item, path);
    const id = requireString(wire, 'id', path);
    if (!HEX32.test(id)) throw invalidResponse(`${path}.id`, 'a 32-hex id');
    const factor = requireNumber(wire, 'factor', path);
    if (!(factor > 0)) throw invalidResponse(`${path}.factor`, 'a positive number');
    const currency = { id, isoCode: requireCurrency(wire, 'isoCode', path), factor };
    byId.set(id, currency);
    byIso.set(currency.isoCode, currency);
  });
  return { byId, byIso };
}

/**
 * The currency prices are shown in: config `currency` (ISO) looked up in the table, else the system
 * default. Without `currency:read` (no table) the default id is labelled with config `currency`.
 */
export function chooseCurrency(table: CurrencyTable | undefined, configIso: string | undefined): SwCurrency {
  const iso = configIso?.toUpperCase();
  if (table === undefined) {
    if (iso === undefined) throw new AppError('API_INVALID_RESPONSE', 'no currency table and no configured currency to label the default currency');
    return { id: SW_DEFAULT_CURRENCY_ID, isoCode: iso, factor: 1 };
  }
  if (iso !== undefined) {
    const chosen = table.byIso.get(iso);
    if (chosen === undefined) throw new AppError('API_INVALID_RESPONSE', 'the configured currency is not one of the shop\u2019s currencies');
    return chosen;
  }
  const fallback = table.byId.get(SW_DEFAULT_CURRENCY_ID);
  if (fallback === undefined) throw new AppError('API_INVALID_RESPONSE', 'the shop\u2019s currency list lacks its default currency');
  return fallback;
}

export interface ChosenPrice {
  price: number;
  compareAtPrice: number | null;
}

function entryFor(prices: readonly unknown[], currencyId: string, path: string): { wire: WireObject; path: string } | undefined {
  for (let i = 0; i < prices.length; i++) {
    const entryPath = `${path}[${i}]`;
    const wire = readObject(prices[i], entryPath);
    if (wire.currencyId === currencyId) return { wire, path: entryPath };
  }
  return undefined;
}

/** Price and compare-at price of a product's `price[]` in `currency`, rounded to its digits. */
export function choosePrice(priceField: unknown, currency: SwCurrency, path: string): ChosenPrice {
  const prices = optionalArray({ price: priceField }, 'price', path);
  let entry = entryFor(prices, currency.id, `${path}.price`);
  let factor = 1;
  if (entry === undefined) {
    entry = entryFor(prices, SW_DEFAULT_CURRENCY_ID, `${path}.price`);
    factor = currency.factor;
  }
  if (entry === undefined) throw invalidResponse(`${path}.price`, 'an entry for the chosen or the default currency');
  const price = roundToCurrency(requireNumber(entry.wire, 'gross', entry.path) * factor, currency.isoCode);
  const list = entry.wire.listPrice;
  let compareAtPrice: number | null = null;
  if (list !== undefined && list !== null) {
    const listGross = roundToCurrency(requireNumber(readObject(list, `${entry.path}.listPrice`), 'gross', `${entry.path}.listPrice`) * factor, currency.isoCode);
    if (listGross > price) compareAtPrice = listGross;
  }
  return { price, compareAtPrice };
}
