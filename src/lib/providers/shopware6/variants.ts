/**
 * A Shopware parent's variants for its product page (platforms.md 4.3): the one Admin API search
 * that reads them (`parentId` filter, each one's `options` and their `group`), and its answer ->
 * domain. Pure, like criteria.ts and map.ts; the adapter sends it only when the page opens.
 */
import type { Product, ProductVariant, ProductVariants } from '../../domain/catalog.ts';
import { AppError } from '../../oauth/errors.ts';
import { invalidResponse, optionalArray, optionalBoolean, optionalNumber, readableItems, readObject, requireString, type WireObject } from '../wire.ts';
import { assertProductId } from './criteria.ts';
import { choosePrice, type SwCurrency } from './currency.ts';
import { readSearchResult, translated } from './map.ts';
import type { SwCriteria } from './wire.ts';

/** At most this many variants are read (a parent of more says so). */
export const SW_VARIANT_LIMIT = 100;

/**
 * The rights reading a variant's options needs (`AclCriteriaValidator`: each association's entity),
 * Shopware Administration's "Properties" viewer rights (sw-property acl).
 */
export const PROPERTY_PRIVILEGES: readonly string[] = ['property_group_option:read', 'property_group:read'];

/** Said under variants listed without their options, where the role may not read them. */
export const OPTIONS_UNREAD = 'Their options are not shown: in Shopware Admin, this connection’s role needs the “property” read rights (Catalogues › Properties › Viewer).';

/**
 * `POST /api/search/product` body: the variants of `parentId` with their options and each option's
 * group, as Shopware's Administration lists them (sw-product-variants-overview: `parentId` filter,
 * `options.group`); without the options (`withOptions` false) for a role without PROPERTY_PRIVILEGES.
 * By product number, for one order where options do not give one. No sw-inheritance: `price` and
 * `active` come back null where inherited.
 */
export function buildVariantCriteria(parentId: string, withOptions = true): SwCriteria {
  assertProductId(parentId);
  return {
    page: 1,
    limit: SW_VARIANT_LIMIT,
    'total-count-mode': 'exact',
    filter: [{ type: 'equals', field: 'parentId', value: parentId }],
    sort: [{ field: 'productNumber', order: 'ASC', naturalSorting: true }],
    ...(withOptions ? { associations: { options: { associations: { group: {} } } } } : {}),
    includes: {
      product: ['id', 'productNumber', 'parentId', 'name', 'translated', 'price', 'available', 'active', 'options', 'stock', 'createdAt', 'updatedAt'],
      property_group_option: ['id', 'groupId', 'name', 'translated', 'position', 'group'],
      property_group: ['id', 'name', 'translated', 'position'],
    },
  };
}

interface ReadOption {
  group: string;
  option: string;
  groupPosition: number;
  position: number;
}

/** A variant's options in ProductVariationBuilder's order: by the group's position, then the group's name. */
function readOptions(wire: WireObject, path: string): ReadOption[] {
  const options = optionalArray(wire, 'options', path).flatMap((item, index): ReadOption[] => {
    const at = `${path}.options[${index}]`;
    const option = readObject(item, at);
    // an option without its group says nothing a shopper can read (the builder skips it too)
    if (option.group === null || option.group === undefined) return [];
    const group = readObject(option.group, `${at}.group`);
    const groupName = translated(group, 'name', `${at}.group`);
    const optionName = translated(option, 'name', at);
    if (groupName === undefined || optionName === undefined) return [];
    return [{ group: groupName, option: optionName, groupPosition: optionalNumber(group, 'position', `${at}.group`) ?? 0, position: optionalNumber(option, 'position', at) ?? 0 }];
  });
  return options.sort((a, b) => a.groupPosition - b.groupPosition || a.group.localeCompare(b.group));
}

/** Variants in the configurator's order: option by option, by each one's position, then its name; those without options last. */
function byOptions(a: ReadOption[], b: ReadOption[]): number {
  if (a.length === 0 || b.length === 0) return b.length - a.length;
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i]!;
    const y = b[i]!;
    const order = x.position - y.position || x.option.localeCompare(y.option, undefined, { numeric: true });
    if (order !== 0) return order;
  }
  return a.length - b.length;
}

/** When a variant was last written: `updatedAt`, or `createdAt` for one never updated (as the parent's check reads it). */
function changedAt(wire: WireObject, path: string): string | undefined {
  for (const key of ['updatedAt', 'createdAt']) {
    const value = wire[key];
    if (typeof value === 'string' && value !== '') return value;
    if (value !== null && value !== undefined) throw invalidResponse(`${path}.${key}`, 'a date-time');
  }
  return undefined;
}

/**
 * `PATCH /api/product/{variantId}` body: the variant's own `stock`, as Shopware's Administration
 * saves it from its variant list's inline edit (sw-product-variants-overview: mt-number-field
 * number-type="int" on `item.stock`, then productRepository.save -> PATCH with the changeset).
 * Shopware's `stock` is an IntField without a minimum: a negative count (oversold) is kept.
 */
export function buildVariantStockPatch(stock: number): { stock: number } {
  if (!Number.isSafeInteger(stock)) throw new AppError('API_BAD_REQUEST', 'A variant’s stock is a whole number.');
  return { stock };
}

/** The variant's stock and change time after a save, from the re-read `POST /api/search/product` (ids filter). */
export function readVariantStock(value: unknown, id: string): { stock: number; updated?: string } {
  const { data } = readSearchResult(value, 1, 1);
  if (data.length === 0) throw new AppError('API_NOT_FOUND', 'The store has no variant with this id.');
  const wire = readObject(data[0], 'data[0]');
  if (wire.id !== id) throw invalidResponse('data[0].id', 'the variant asked for');
  const stock = optionalNumber(wire, 'stock', 'data[0]');
  if (stock === undefined || !Number.isSafeInteger(stock)) throw invalidResponse('data[0].stock', 'a whole number');
  const updated = changedAt(wire, 'data[0]');
  return updated === undefined ? { stock } : { stock, updated };
}

/** `POST /api/search/product` body: one variant's stock and change time (the check before its save, the read after). */
export function buildVariantStockCriteria(id: string): SwCriteria {
  assertProductId(id);
  return { page: 1, limit: 1, ids: [id], includes: { product: ['id', 'stock', 'createdAt', 'updatedAt'] } };
}

/**
 * The search's answer -> the variants shoppers can buy: switched off ones (`active: false`) left out,
 * each with its options, its price (its own, or `parent`'s where its `price` is null: inherited, as
 * the Administration's variant list shows it), and `available` (Shopware's, from its own stock and
 * closeout). A variant the store sent unreadable is left out, not the list.
 */
export function mapVariants(value: unknown, parent: Pick<Product, 'price'>, currency: SwCurrency): ProductVariants {
  const { data, paging } = readSearchResult(value, 1, SW_VARIANT_LIMIT);
  const { items } = readableItems(data, (item, index) => {
    const path = `data[${index}]`;
    const wire = readObject(item, path);
    const id = requireString(wire, 'id', path);
    if (!/^[0-9a-f]{32}$/.test(id)) throw invalidResponse(`${path}.id`, 'a 32-hex id');
    if (optionalBoolean(wire, 'active', path) === false) return undefined;
    const options = readOptions(wire, path);
    const variant: ProductVariant = {
      id,
      options: options.map(({ group, option }) => ({ group, option })),
      name: translated(wire, 'name', path) ?? requireString(wire, 'productNumber', path),
      price: wire.price === null || wire.price === undefined ? parent.price : choosePrice(wire.price, currency, path).price,
      inStock: optionalBoolean(wire, 'available', path),
    };
    const stock = optionalNumber(wire, 'stock', path);
    if (stock !== undefined && Number.isSafeInteger(stock)) variant.stock = stock;
    const updated = changedAt(wire, path);
    if (updated !== undefined) variant.updated = updated;
    return { variant, options };
  });
  const shown = items.filter((item) => item !== undefined).sort((a, b) => byOptions(a.options, b.options));
  return { variants: shown.map((item) => item.variant), more: (paging.total ?? 0) > data.length };
}
