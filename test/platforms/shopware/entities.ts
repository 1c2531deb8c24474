/**
 * The seeded rows as Admin API entities: which fields each entity has, its associations (loaded only
 * when a criteria asks, except the autoloaded `product_media.media` and `media.thumbnails`), and the
 * privileges reading them needs.
 */
import { DEFAULT_CURRENCY_ID, SALES_CHANNEL_ID, SYSTEM_LANGUAGE_ID, TAX_ID, TAX_RATE } from './constants.ts';
import { hexId, PROPERTY_GROUPS, PROPERTY_OPTIONS, type CurrencyRow, type MediaRow, type OrderRow, type PriceRow, type ProductRow, type PromotionRow, type Seed } from './seed.ts';

export type Row = object;
export type Json = Record<string, unknown>;

export interface Context {
  seed: Seed;
  /** Origin of the media host (a second listener: "media URLs on a different host"). */
  mediaOrigin: string;
  /** A shop's own write rule (ShopwareStoreOptions.maxGross): prices above it are refused. */
  maxGross?: number;
}

export interface Association {
  entity: string;
  many: boolean;
  /** What it reads when not asked for: null, except where the entity's constructor sets an empty collection. */
  unloaded?: [];
  load(row: Row, ctx: Context): Row[];
}

export interface EntityDefinition {
  /** Entity name = apiAlias = ACL resource. */
  name: string;
  fields(row: Row, ctx: Context): Json;
  associations: Record<string, Association>;
  /** Associations loaded without being asked for. */
  autoload: string[];
  /** Field -> the value filters and sorts use, where it is not the plain field. */
  sortValue?(row: Row, field: string, ctx: Context): unknown;
}

const rounding = { decimals: 2, interval: 0.01, roundForNet: true };

export function mediaUrl(media: MediaRow, ctx: Context): string {
  return media.path.includes(':') ? media.path : `${ctx.mediaOrigin}/media/${media.path}`;
}

function thumbnails(media: MediaRow, ctx: Context): Json[] {
  if (media.path.includes(':')) return [];
  const base = media.path.replace(/\.svg$/, '');
  return [400, 800].map((size) => ({
    id: hexId(0x7000 + size + media.id.charCodeAt(31)),
    mediaId: media.id,
    url: `${ctx.mediaOrigin}/thumbnail/${base}_${size}x${size}.svg`,
    width: size,
    height: size,
    apiAlias: 'media_thumbnail',
  }));
}

function stateName(technicalName: string): string {
  return technicalName.replaceAll('_', ' ').replace(/^./, (c) => c.toUpperCase());
}

function stateRow(id: string, technicalName: string): Json {
  return { id, technicalName, name: stateName(technicalName), stateMachineId: hexId(0x4000) };
}

/** The rule every seeded advanced price is for ("Always valid (Default)": every shopper meets it). */
export const ADVANCED_PRICE_RULE_ID = hexId(0x8101);

/** An advanced price's `price` (gross in the default currency). */
export function tierPrice(gross: number): PriceRow[] {
  return [{ currencyId: DEFAULT_CURRENCY_ID, gross, net: Math.round((gross / (1 + TAX_RATE / 100)) * 100) / 100, linked: true, listPrice: null }];
}

/**
 * A product's advanced prices as `product_price` rows (ProductPriceDefinition): one rule's, by the
 * quantity they start at, each ending where the next starts (the last open, `quantityEnd` null), as
 * the Administration's context prices save them.
 */
export function productPriceRows(p: ProductRow): Json[] {
  const tiers = p.advancedPrices ?? [];
  return tiers.map((tier, i) => {
    const next = tiers[i + 1];
    return {
      id: hexId(0x9000 + Number.parseInt(p.id.slice(-4), 16) * 8 + i),
      versionId: '0fa91ce3e96a4bc2be4bd9ce752c3425',
      productId: p.id,
      ruleId: ADVANCED_PRICE_RULE_ID,
      quantityStart: tier.from,
      quantityEnd: next === undefined ? null : next.from - 1,
      price: tierPrice(tier.gross).map((entry) => ({ ...entry, percentage: null, regulationPrice: null, apiAlias: 'price' })),
    };
  });
}

/** The default rule a fresh shop has (Migration1580202210DefaultRule): every advanced price of the seed is for it. */
const ALWAYS_VALID_RULE = { id: ADVANCED_PRICE_RULE_ID, name: 'Always valid (Default)', description: null, priority: 100, invalid: false };

const rule: EntityDefinition = { name: 'rule', fields: (row) => ({ ...(row as Json) }), associations: {}, autoload: [] };

const productPrice: EntityDefinition = {
  name: 'product_price',
  fields: (row) => ({ ...(row as Json) }),
  associations: { rule: { entity: 'rule', many: false, load: (row) => ((row as { ruleId: string }).ruleId === ALWAYS_VALID_RULE.id ? [ALWAYS_VALID_RULE] : []) } },
  autoload: [],
};

const product: EntityDefinition = {
  name: 'product',
  fields: (row, ctx) => {
    const p = row as ProductRow;
    return {
      id: p.id,
      versionId: '0fa91ce3e96a4bc2be4bd9ce752c3425',
      parentId: p.parentId,
      taxId: p.parentId === null ? TAX_ID : null,
      productNumber: p.productNumber,
      coverId: p.coverId,
      active: p.active,
      available: p.availableStock > 0 || !p.isCloseout,
      isCloseout: p.isCloseout,
      availableStock: p.availableStock,
      stock: p.stock,
      price: p.price?.map((entry) => ({ ...entry, listPrice: entry.listPrice && { ...entry.listPrice, apiAlias: 'price' }, percentage: null, regulationPrice: null, apiAlias: 'price' })) ?? null,
      name: p.name,
      description: p.description,
      categoryIds: p.categoryIds,
      // ChildCountUpdater: the number of variants
      childCount: ctx.seed.products.filter((c) => c.parentId === p.id).length,
      createdAt: p.createdAt,
      updatedAt: p.updatedAt,
      translated: { ...p.translated },
    };
  },
  associations: {
    cover: {
      entity: 'product_media',
      many: false,
      load: (row) => (row as ProductRow).media.filter((m) => m.id === (row as ProductRow).coverId).map((m) => ({ ...m, productId: (row as ProductRow).id })),
    },
    media: { entity: 'product_media', many: true, load: (row) => (row as ProductRow).media.map((m) => ({ ...m, productId: (row as ProductRow).id })) },
    categories: { entity: 'category', many: true, load: (row, ctx) => ctx.seed.categories.filter((c) => (row as ProductRow).categoryIds.includes(c.id)) },
    children: { entity: 'product', many: true, load: (row, ctx) => ctx.seed.products.filter((c) => c.parentId === (row as ProductRow).id) },
    // a variant's options (ProductDefinition `options`, ManyToMany over product_option; property_group_option:read); null unasked
    options: { entity: 'property_group_option', many: true, load: (row) => PROPERTY_OPTIONS.filter((o) => ((row as ProductRow).optionIds ?? []).includes(o.id)) },
    // advanced prices (ProductDefinition `prices`, product_price:read); [] unasked (ProductEntity's constructor)
    prices: { entity: 'product_price', many: true, unloaded: [], load: (row) => productPriceRows(row as ProductRow) },
  },
  autoload: [],
  sortValue: (row, field) => {
    const p = row as ProductRow;
    if (field === 'name') return p.translated.name;
    if (field === 'description') return p.translated.description;
    // price sorts by the default currency's gross (PriceFieldAccessorBuilder; docs/platform-evidence.md, "Shopware sorted by price")
    if (field === 'price') return p.price?.find((e) => e.currencyId === DEFAULT_CURRENCY_ID)?.gross ?? null;
    return undefined;
  },
};

/** PropertyGroupDefinition: a group's own columns, translated like every name. */
const propertyGroup: EntityDefinition = {
  name: 'property_group',
  fields: (row) => {
    const g = row as { id: string; name: string; position: number };
    return { id: g.id, name: g.name, description: null, displayType: 'text', sortingType: 'alphanumeric', filterable: true, visibleOnProductDetailPage: true, position: g.position, translated: { name: g.name, description: null, position: g.position } };
  },
  associations: {},
  autoload: [],
};

/** PropertyGroupOptionDefinition: an option of a group (its `group` association asked, never autoloaded). */
const propertyGroupOption: EntityDefinition = {
  name: 'property_group_option',
  fields: (row) => {
    const o = row as { id: string; groupId: string; name: string; position: number };
    return { id: o.id, groupId: o.groupId, name: o.name, position: o.position, colorHexCode: null, mediaId: null, translated: { name: o.name, position: o.position } };
  },
  associations: { group: { entity: 'property_group', many: false, load: (row) => PROPERTY_GROUPS.filter((g) => g.id === (row as { groupId: string }).groupId) } },
  autoload: [],
};

const productMedia: EntityDefinition = {
  name: 'product_media',
  fields: (row) => {
    const m = row as { id: string; productId: string; mediaId: string; position: number };
    return { id: m.id, versionId: '0fa91ce3e96a4bc2be4bd9ce752c3425', productId: m.productId, mediaId: m.mediaId, position: m.position };
  },
  associations: {
    media: { entity: 'media', many: false, load: (row, ctx) => ctx.seed.media.filter((m) => m.id === (row as { mediaId: string }).mediaId) },
  },
  autoload: ['media'],
};

const media: EntityDefinition = {
  name: 'media',
  fields: (row, ctx) => {
    const m = row as MediaRow;
    const fileName = m.path.split('/').at(-1) ?? '';
    return {
      id: m.id,
      mimeType: 'image/svg+xml',
      fileExtension: 'svg',
      fileName: fileName.replace(/\.svg$/, ''),
      // `path` (since 6.5) is relative to the media host; `url` is absolute
      path: m.path.includes(':') ? m.path : `media/${m.path}`,
      url: mediaUrl(m, ctx),
      alt: m.alt,
      title: m.title,
      private: false,
      hasFile: true,
      thumbnails: thumbnails(m, ctx),
    };
  },
  associations: {},
  autoload: [],
};

const category: EntityDefinition = {
  name: 'category',
  fields: (row) => {
    const c = row as { id: string; name: string };
    return {
      id: c.id,
      versionId: '0fa91ce3e96a4bc2be4bd9ce752c3425',
      parentId: null,
      name: c.name,
      breadcrumb: [c.name],
      childCount: 0,
      type: 'page',
      active: true,
      translated: { name: c.name, breadcrumb: [c.name] },
    };
  },
  associations: {
    children: { entity: 'category', many: true, load: () => [] },
  },
  autoload: [],
};

const currency: EntityDefinition = {
  name: 'currency',
  fields: (row) => {
    const c = row as CurrencyRow;
    return {
      id: c.id,
      isoCode: c.isoCode,
      factor: c.factor,
      symbol: c.symbol,
      shortName: c.shortName,
      name: c.name,
      itemRounding: { ...rounding, decimals: c.decimals },
      totalRounding: { ...rounding, decimals: c.decimals },
      isSystemDefault: c.id === DEFAULT_CURRENCY_ID,
      translated: { shortName: c.shortName, name: c.name },
    };
  },
  associations: {},
  autoload: [],
};

const stateMachineState: EntityDefinition = { name: 'state_machine_state', fields: (row) => ({ ...(row as Json) }), associations: {}, autoload: [] };

const orderCustomer: EntityDefinition = { name: 'order_customer', fields: (row) => ({ ...(row as Json) }), associations: {}, autoload: [] };

function transactionRows(order: OrderRow): Json[] {
  return order.transactionStates.map((state, i) => ({
    id: hexId(0x5100 + Number(order.orderNumber) * 4 + i),
    orderId: order.id,
    paymentMethodId: hexId(0x5200),
    stateId: hexId(0x4100 + state.length),
    amount: { unitPrice: order.amountTotal, totalPrice: order.amountTotal, quantity: 1, calculatedTaxes: [], taxRules: [] },
    createdAt: new Date(Date.parse(order.orderDateTime) + i * 3_600_000).toISOString().replace('Z', '+00:00'),
    technicalState: state,
  }));
}

const orderTransaction: EntityDefinition = {
  name: 'order_transaction',
  fields: (row) => {
    const { technicalState: _state, ...rest } = row as Json;
    return rest;
  },
  associations: {
    stateMachineState: {
      entity: 'state_machine_state',
      many: false,
      load: (row) => [stateRow((row as Json).stateId as string, (row as Json).technicalState as string)],
    },
  },
  autoload: [],
};

/** The deliveries in the seed's order; the first (the main one) with the highest shipping costs. */
function deliveryRows(order: OrderRow): Json[] {
  return order.deliveryStates.map((state, i) => ({
    id: hexId(0x5500 + Number(order.orderNumber) * 4 + i),
    orderId: order.id,
    shippingOrderAddressId: hexId(0x5300 + Number(order.orderNumber)),
    shippingMethodId: hexId(0x5600),
    stateId: hexId(0x4200 + i),
    shippingDateEarliest: order.orderDateTime,
    shippingDateLatest: new Date(Date.parse(order.orderDateTime) + 2 * 86_400_000).toISOString().replace('Z', '+00:00'),
    createdAt: order.orderDateTime,
    shippingCosts: { unitPrice: 4.99 - i, totalPrice: 4.99 - i, quantity: 1, calculatedTaxes: [], taxRules: [] },
    trackingCodes: [],
    technicalState: state,
  }));
}

const orderDelivery: EntityDefinition = { ...orderTransaction, name: 'order_delivery' };

/**
 * An order's line items as Shopware writes them (OrderLineItemDefinition): a top-level line has
 * `parentId` null; a promotion's discount is a line of type `promotion`, its price negative; `good`
 * is false for what is not goods. `children` is an association: null unless asked.
 */
function lineItemRows(order: OrderRow): Json[] {
  return order.lineItems.map((line, i) => {
    const id = hexId(0x57000 + Number(order.orderNumber) * 0x100 + i);
    const totalPrice = Math.round(line.unitPrice * line.quantity * 100) / 100;
    const price = { unitPrice: line.unitPrice, totalPrice, quantity: line.quantity, calculatedTaxes: [], taxRules: [] };
    return {
      id,
      versionId: '0fa91ce3e96a4bc2be4bd9ce752c3425',
      orderId: order.id,
      orderVersionId: '0fa91ce3e96a4bc2be4bd9ce752c3425',
      ...(line.productId === null ? {} : { productId: line.productId, referencedId: line.productId }),
      parentId: null,
      identifier: line.productId ?? id,
      quantity: line.quantity,
      label: line.label,
      good: line.type === 'product',
      removable: true,
      stackable: line.type === 'product',
      position: i + 1,
      price,
      unitPrice: line.unitPrice,
      totalPrice,
      type: line.type,
      states: line.type === 'product' ? ['is-physical'] : [],
      createdAt: order.orderDateTime,
      updatedAt: null,
    };
  });
}

const orderLineItem: EntityDefinition = { name: 'order_line_item', fields: (row) => ({ ...(row as Json), children: null }), associations: {}, autoload: [] };

const order: EntityDefinition = {
  name: 'order',
  fields: (row) => {
    const o = row as OrderRow;
    return {
      id: o.id,
      versionId: '0fa91ce3e96a4bc2be4bd9ce752c3425',
      orderNumber: o.orderNumber,
      billingAddressId: hexId(0x5300 + Number(o.orderNumber)),
      currencyId: o.currencyId,
      languageId: SYSTEM_LANGUAGE_ID,
      salesChannelId: SALES_CHANNEL_ID,
      orderDateTime: o.orderDateTime,
      currencyFactor: 1,
      stateId: o.stateId,
      amountTotal: o.amountTotal,
      amountNet: o.amountNet,
      positionPrice: o.amountTotal,
      taxStatus: 'gross',
      itemRounding: rounding,
      totalRounding: rounding,
      createdAt: o.orderDateTime,
      updatedAt: null,
    };
  },
  associations: {
    stateMachineState: {
      entity: 'state_machine_state',
      many: false,
      load: (row, ctx) => {
        const o = row as OrderRow;
        const technical = [...ctx.seed.orderStates].find(([, id]) => id === o.stateId)?.[0] ?? 'open';
        return [stateRow(o.stateId, technical)];
      },
    },
    currency: { entity: 'currency', many: false, load: (row, ctx) => ctx.seed.currencies.filter((c) => c.id === (row as OrderRow).currencyId) },
    orderCustomer: {
      entity: 'order_customer',
      many: false,
      load: (row) => {
        const o = row as OrderRow;
        return [{ id: hexId(0x5400 + Number(o.orderNumber)), orderId: o.id, email: o.customerEmail, firstName: o.customerName[0], lastName: o.customerName[1] }];
      },
    },
    transactions: { entity: 'order_transaction', many: true, load: (row) => transactionRows(row as OrderRow) },
    deliveries: { entity: 'order_delivery', many: true, load: (row) => deliveryRows(row as OrderRow) },
    lineItems: { entity: 'order_line_item', many: true, load: (row) => lineItemRows(row as OrderRow) },
  },
  autoload: [],
};

const promotionDiscount: EntityDefinition = { name: 'promotion_discount', fields: (row) => ({ ...(row as Json) }), associations: {}, autoload: [] };

const promotion: EntityDefinition = {
  name: 'promotion',
  fields: (row) => {
    const { discounts: _discounts, ...rest } = row as PromotionRow;
    return { ...rest, translated: { name: rest.name } };
  },
  associations: {
    discounts: {
      entity: 'promotion_discount',
      many: true,
      load: (row) => {
        const p = row as PromotionRow;
        // Every field of the entity, as Shopware's serializer writes it: a cap not set is null, not absent.
        return p.discounts.map((d) => ({ ...d, maxValue: d.maxValue ?? null, promotionId: p.id, considerAdvancedRules: false }));
      },
    },
  },
  autoload: [],
};

export const ENTITIES: Readonly<Record<string, EntityDefinition>> = Object.fromEntries(
  [product, productPrice, rule, propertyGroup, propertyGroupOption, productMedia, media, category, currency, stateMachineState, orderCustomer, orderTransaction, orderDelivery, orderLineItem, order, promotionDiscount, promotion].map((d) => [d.name, d]),
);

/** The rows of a top-level searchable entity. */
export function rowsOf(entity: string, seed: Seed): Row[] {
  switch (entity) {
    case 'product':
      return seed.products;
    case 'order':
      return seed.orders;
    case 'promotion':
      return seed.promotions;
    case 'currency':
      return seed.currencies;
    case 'category':
      return seed.categories;
    default:
      return [];
  }
}
