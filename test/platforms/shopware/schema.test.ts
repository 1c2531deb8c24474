/**
 * The server's responses checked against the official OpenAPI schemas of `@shopware/api-client`
 * (`api-types/adminApiSchema.json` 6.7, `storeApiSchema.json` 6.7), component by component, with
 * ajv. The schemas are stricter than Shopware itself (platforms.md 4.2): every place where the real
 * server sends what the schema forbids is listed in LOOSENESS with the reason; nothing else is
 * forgiven, so a field the server gets wrong fails here.
 */
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, apiSearch, integrationToken, passwordGrant, storeApi, tokenRequest } from './client.ts';
import { startShopwareStore, type ShopwareStore } from './server.ts';

type Schema = Record<string, unknown>;
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

interface Looseness {
  api: 'admin' | 'store';
  /** Component schema name. */
  schema: string;
  /** Dotted property path inside it. */
  property: string;
  /** What the real server also sends there. */
  allow: 'null' | 'array';
  why: string;
}

/** Where Shopware's real answers break its own published schema (each seen in the seed data of 4.3/4.6.8). */
export const LOOSENESS: readonly Looseness[] = [
  // DAL: an association that was not asked for is serialised as null, whatever its cardinality
  ...['cover', 'media', 'categories', 'children', 'options'].map((property) => ({ api: 'admin' as const, schema: 'Product', property, allow: 'null' as const, why: 'unloaded association' })),
  ...['cover', 'media', 'categories', 'children', 'options', 'seoCategory'].map((property) => ({ api: 'store' as const, schema: 'Product', property, allow: 'null' as const, why: 'unloaded association / no SEO category' })),
  // nullable columns the schema types as plain string/boolean/array
  { api: 'admin', schema: 'Product', property: 'parentId', allow: 'null', why: 'a main product has no parent' },
  { api: 'store', schema: 'Product', property: 'parentId', allow: 'null', why: 'a main product has no parent' },
  { api: 'admin', schema: 'Product', property: 'coverId', allow: 'null', why: 'product without images' },
  { api: 'store', schema: 'Product', property: 'coverId', allow: 'null', why: 'product without images' },
  { api: 'admin', schema: 'Product', property: 'name', allow: 'null', why: 'translated field: null in the column, value only in translated (4.6.8)' },
  { api: 'store', schema: 'Product', property: 'name', allow: 'null', why: 'translated field: null in the column, value only in translated (4.6.8)' },
  { api: 'admin', schema: 'Product', property: 'description', allow: 'null', why: 'translated field / no description' },
  { api: 'store', schema: 'Product', property: 'description', allow: 'null', why: 'translated field / no description' },
  { api: 'admin', schema: 'Product', property: 'price', allow: 'null', why: 'a variant inherits its price (null without sw-inheritance)' },
  { api: 'admin', schema: 'Product', property: 'active', allow: 'null', why: 'a variant inherits active' },
  { api: 'admin', schema: 'Product', property: 'taxId', allow: 'null', why: 'a variant inherits its tax' },
  { api: 'admin', schema: 'Product', property: 'updatedAt', allow: 'null', why: 'never updated' },
  { api: 'store', schema: 'Product', property: 'updatedAt', allow: 'null', why: 'never updated' },
  { api: 'admin', schema: 'Order', property: 'updatedAt', allow: 'null', why: 'never updated' },
  { api: 'admin', schema: 'Order', property: 'lineItems', allow: 'null', why: 'unloaded association' },
  { api: 'admin', schema: 'OrderLineItem', property: 'children', allow: 'null', why: 'unloaded association (required in the schema)' },
  { api: 'admin', schema: 'OrderLineItem', property: 'parentId', allow: 'null', why: 'a top-level line has no parent (FkField parent_id without Required)' },
  { api: 'admin', schema: 'OrderLineItem', property: 'updatedAt', allow: 'null', why: 'never updated' },
  { api: 'admin', schema: 'OrderLineItem', property: 'price.calculatedTaxes', allow: 'array', why: 'CalculatedTaxCollection is a JSON array' },
  { api: 'admin', schema: 'OrderLineItem', property: 'price.taxRules', allow: 'array', why: 'TaxRuleCollection is a JSON array' },
  { api: 'admin', schema: 'ProductPrice', property: 'quantityEnd', allow: 'null', why: 'the last advanced price is open-ended (IntField, not Required)' },
  { api: 'admin', schema: 'Rule', property: 'description', allow: 'null', why: 'the default rule has none (Migration1580202210DefaultRule)' },
  { api: 'admin', schema: 'Price', property: 'listPrice', allow: 'null', why: 'no list price (4.3 example)' },
  { api: 'admin', schema: 'Price', property: 'regulationPrice', allow: 'null', why: 'no regulation price (4.3 example)' },
  { api: 'admin', schema: 'Media', property: 'title', allow: 'null', why: 'media without title' },
  { api: 'admin', schema: 'Media', property: 'alt', allow: 'null', why: 'media without alt text' },
  { api: 'store', schema: 'Media', property: 'title', allow: 'null', why: 'media without title' },
  { api: 'store', schema: 'Media', property: 'alt', allow: 'null', why: 'media without alt text' },
  { api: 'admin', schema: 'Promotion', property: 'validFrom', allow: 'null', why: 'open-ended promotion' },
  { api: 'admin', schema: 'Promotion', property: 'validUntil', allow: 'null', why: 'open-ended promotion' },
  { api: 'admin', schema: 'Promotion', property: 'code', allow: 'null', why: 'automatic or individual-code promotion has no fixed code' },
  // the schema types a CalculatedPrice's lists as objects; PHP serialises these collections as JSON arrays
  { api: 'admin', schema: 'OrderTransaction', property: 'amount.calculatedTaxes', allow: 'array', why: 'CalculatedTaxCollection is a JSON array' },
  { api: 'admin', schema: 'OrderTransaction', property: 'amount.taxRules', allow: 'array', why: 'TaxRuleCollection is a JSON array' },
  { api: 'admin', schema: 'OrderDelivery', property: 'shippingCosts.calculatedTaxes', allow: 'array', why: 'CalculatedTaxCollection is a JSON array' },
  { api: 'admin', schema: 'OrderDelivery', property: 'shippingCosts.taxRules', allow: 'array', why: 'TaxRuleCollection is a JSON array' },
  { api: 'store', schema: 'Category', property: 'children', allow: 'null', why: 'unloaded association (required in the schema)' },
  { api: 'admin', schema: 'Category', property: 'children', allow: 'null', why: 'unloaded association (required in the schema)' },
  { api: 'admin', schema: 'Category', property: 'breadcrumb', allow: 'array', why: 'breadcrumb is a JSON list of names; the schema says a list of objects' },
  { api: 'store', schema: 'Product', property: 'calculatedPrices', allow: 'array', why: 'its items are CalculatedPrices; the schema puts additionalProperties: false beside their allOf, which refuses every property' },
  { api: 'store', schema: 'Country', property: 'addressFormat', allow: 'array', why: 'addressFormat is a JSON list of lines; the schema says an object' },
  { api: 'admin', schema: 'Category', property: 'parentId', allow: 'null', why: 'a root category has no parent' },
  { api: 'admin', schema: 'PromotionDiscount', property: 'maxValue', allow: 'null', why: 'a discount without a cap (FloatField max_value without Required: a nullable column, serialised as null)' },
  { api: 'admin', schema: 'PropertyGroupOption', property: 'colorHexCode', allow: 'null', why: 'an option without a colour (nullable column)' },
  { api: 'admin', schema: 'PropertyGroupOption', property: 'mediaId', allow: 'null', why: 'an option without a picture (nullable column)' },
  { api: 'admin', schema: 'PropertyGroup', property: 'description', allow: 'null', why: 'translated field: a group without a description' },
  { api: 'store', schema: 'Category', property: 'parentId', allow: 'null', why: 'a root category has no parent' },
  { api: 'store', schema: 'SalesChannelContext', property: 'shippingLocation.address', allow: 'null', why: 'a guest context has a country but no address' },
];

function loosen(components: { schemas: Record<string, Schema> }, api: 'admin' | 'store'): void {
  for (const entry of LOOSENESS.filter((l) => l.api === api)) {
    let node = components.schemas[entry.schema];
    const path = entry.property.split('.');
    const last = path.pop() ?? '';
    for (const key of path) node = (node?.properties as Record<string, Schema> | undefined)?.[key];
    const properties = node?.properties as Record<string, Schema> | undefined;
    const original = properties?.[last];
    if (properties === undefined || original === undefined) throw new Error(`LOOSENESS entry ${api} ${entry.schema}.${entry.property} names no schema property`);
    properties[last] = { anyOf: [original, entry.allow === 'null' ? { type: 'null' } : { type: 'array' }] };
  }
}

function load(file: string, api: 'admin' | 'store'): Schema {
  const document = JSON.parse(readFileSync(new URL(`../../../node_modules/@shopware/api-client/api-types/${file}`, import.meta.url), 'utf8')) as Schema;
  const components = structuredClone(document.components) as { schemas: Record<string, Schema> };
  loosen(components, api);
  return { $id: api, components, paths: document.paths };
}

const ajv = new Ajv2020({ strict: false, allErrors: true, logger: false });
addFormats(ajv);
const adminSchema = load('adminApiSchema.json', 'admin');
ajv.addSchema(adminSchema);
ajv.addSchema(load('storeApiSchema.json', 'store'));

function expectValid(ref: string, data: unknown): void {
  const validate = ajv.getSchema(ref);
  if (validate === undefined) throw new Error(`no schema ${ref}`);
  const ok = validate(data);
  expect(ok ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`)).toEqual([]);
}

let store: ShopwareStore;
let token: string;

const REFS = [
  'admin#/components/schemas/Product',
  'admin#/components/schemas/Order',
  'admin#/components/schemas/Promotion',
  'admin#/components/schemas/Currency',
  'store#/components/schemas/EntitySearchResult',
  'store#/components/schemas/Product',
  'store#/components/schemas/ProductListingResult',
  'store#/components/schemas/SalesChannelContext',
];

beforeAll(async () => {
  // compiling the 7 MB schema's component graphs takes seconds: once, before the tests
  for (const ref of REFS) ajv.getSchema(ref);
  store = await startShopwareStore({ port: 0 });
  token = await integrationToken(store.origin, ADMIN);
}, 120_000);
afterAll(() => store.close());

describe('Admin API responses against adminApiSchema.json', () => {
  it('every product of a search with cover, media, categories and options (with their groups) is a valid Product', async () => {
    const answer = await apiSearch(store.origin, 'product', token, { associations: { cover: {}, media: {}, categories: {}, prices: { associations: { rule: {} } }, options: { associations: { group: {} } } } });
    expect(answer.json.data).toHaveLength(35);
    for (const product of answer.json.data) expectValid('admin#/components/schemas/Product', product);
  });

  it('every order with state, currency, customer, transactions and deliveries is a valid Order', async () => {
    const answer = await apiSearch(store.origin, 'order', token, { associations: { stateMachineState: {}, currency: {}, orderCustomer: {}, transactions: { associations: { stateMachineState: {} } }, deliveries: { associations: { stateMachineState: {} } } } });
    for (const order of answer.json.data) expectValid('admin#/components/schemas/Order', order);
  });

  it('every order with its line items is a valid Order, each line a valid OrderLineItem; without the association asked, lineItems is null', async () => {
    const answer = await apiSearch(store.origin, 'order', token, { associations: { stateMachineState: {}, currency: {}, orderCustomer: {}, transactions: { associations: { stateMachineState: {} } }, deliveries: { associations: { stateMachineState: {} } }, lineItems: { sort: [{ field: 'position', order: 'ASC' }] } } });
    const lines = answer.json.data.flatMap((order: { lineItems: unknown[] }) => order.lineItems);
    expect(lines.length).toBeGreaterThan(answer.json.data.length);
    for (const order of answer.json.data) expectValid('admin#/components/schemas/Order', order);
    for (const line of lines) expectValid('admin#/components/schemas/OrderLineItem', line);
    const plain = await apiSearch(store.origin, 'order', token, {});
    expect(plain.json.data.map((order: { lineItems: unknown }) => order.lineItems)).toEqual(plain.json.data.map(() => null));
  });

  it('every promotion with discounts is a valid Promotion, every currency a valid Currency', async () => {
    for (const promotion of (await apiSearch(store.origin, 'promotion', token, { associations: { discounts: {} } })).json.data) expectValid('admin#/components/schemas/Promotion', promotion);
    for (const currency of (await apiSearch(store.origin, 'currency', token, {})).json.data) expectValid('admin#/components/schemas/Currency', currency);
  });

  it('token responses match the /oauth/token 200 schema', async () => {
    const schema = ((((adminSchema.paths as Schema)['/oauth/token'] as Schema).post as Schema).responses as Schema)['200'] as { content: { 'application/json': { schema: Schema } } };
    const validate = ajv.compile(schema.content['application/json'].schema);
    const integration = await tokenRequest(store.origin, { grant_type: 'client_credentials', client_id: ADMIN.accessKeyId, client_secret: ADMIN.secret });
    const password = await passwordGrant(store.origin);
    expect([validate(integration.json), validate(password.json)]).toEqual([true, true]);
  });

  it('a LOOSENESS entry that no longer names a schema property fails loudly', () => {
    const components = { schemas: { Product: { properties: {} } } };
    expect(() => loosen(components as never, 'admin')).toThrow(/names no schema property/);
  });
});

describe('Store API responses against storeApiSchema.json', () => {
  it('the product list is a ProductListResponse: EntitySearchResult with valid Products', async () => {
    const answer = await storeApi(store.origin, 'product', { limit: 100, associations: { media: {}, categories: {} } });
    expectValid('store#/components/schemas/EntitySearchResult', answer.json);
    expect(answer.json.elements.length).toBeGreaterThan(20);
    for (const product of answer.json.elements) expectValid('store#/components/schemas/Product', product);
  });

  it('the search answer is a ProductListingResult, the context a SalesChannelContext', async () => {
    expectValid('store#/components/schemas/ProductListingResult', (await storeApi(store.origin, 'search', { search: 'apples' })).json);
    expectValid('store#/components/schemas/SalesChannelContext', (await storeApi(store.origin, 'context')).json);
  });
});
