/**
 * The FlickRocket store's seeded data, in wire shape (platforms.md 3.3): products with locales and
 * licence bindings to shared price models (cents, lower-case currency codes), categories, licences
 * and orders. Deterministic for a given seed. Edge cases the contract asks for are fixed ids:
 * - product 1001: bound to price model 3, which has no EUR (USD only);
 * - product 1002: two licence bindings (cheaper SD, dearer HD with a compare price);
 * - product 1009 (a Video HD): three licences, "Buy" (EUR+USD), "Rent 48 h" (EUR+USD) and "Family
 *   (5 devices)" on the USD-only model 3: in EUR that one has no price;
 * - product 1003: bound to price model 4 (GBP and CHF only: neither EUR nor USD);
 * - product 1008: bound to price model 9, priced by country only (no currency at all): a product
 *   whose price model lacks the configured currency and every other, so it has no price to show;
 * - products 1004 and 1005: no locales at all;
 * - hostile products 1900+: script in descriptions, `javascript:` image URLs (option hostileProducts).
 */
import { createPrng } from '../../demo-store/catalogue.ts';
import { PICTURE_HOST } from './pictures.ts';

export interface LocaleWire {
  language_id: number | string;
  title: string;
  description: string;
}

export interface BindingWire {
  license_id: number;
  price_id: number;
  compare_price_id: number | null;
  hd: boolean;
  num_users: number;
  audio_type: number;
}

export interface ProductWire {
  id: number;
  product_id: string;
  title: string;
  version: string;
  comment: string;
  product_type: number;
  valid: boolean;
  published_at: string;
  locales: LocaleWire[];
  price_license_binding: BindingWire[];
  categories: { id: number; category_id: number; created_at: string }[];
  images: ({ url: string } | string)[];
}

export interface PriceModelWire {
  id: number;
  title: string;
  valid: number;
  currencies: { currency: string; price: number }[];
  countries: { country_name: string; country_code: string; price: number }[];
  created_at: string;
  modified_at: string;
}

export interface CategoryWire {
  id: number;
  name: string;
  created_at: string;
}

export interface LicenseWire {
  id: number;
  name: string;
  num_users: number;
  /** The name (and description) per language, as the official plugin reads them (`fields=id,name,locales`). */
  locales: { language_id: number; name: string; description: string }[];
}

export interface OrderWire {
  id: number;
  order_number: string;
  created_at: string;
  currency: string;
  /** Cents, like prices. */
  total_price: number;
  status: 'pending' | 'paid' | 'cancelled' | 'refunded';
  email: string;
}

export interface SeedOptions {
  seed: number;
  productCount: number;
  hostileProducts: boolean;
  /** How many categories exist; 1 shows the singular `{"category":{...}}` answer. */
  categoryCount: number;
  /** How many licences exist; 1 shows `{"license":{...}}`. */
  licenseCount: number;
  orderCount: number;
}

export interface SeedData {
  products: ProductWire[];
  prices: PriceModelWire[];
  categories: CategoryWire[];
  licenses: LicenseWire[];
  orders: OrderWire[];
}

const WORDS = ['Moby', 'River', 'Silent', 'Golden', 'Northern', 'Paper', 'Glass', 'Hidden', 'Blue', 'Winter', 'Copper', 'Lantern'];
const KINDS: readonly { type: number; label: string }[] = [
  { type: 16, label: 'ePub' },
  { type: 7, label: 'PDF' },
  { type: 1, label: 'Video SD' },
  { type: 9, label: 'Video HD' },
  { type: 4, label: 'Software' },
];
const CATEGORY_NAMES = ['Books', 'Films', 'Courses', 'Software', 'Audio', 'Kids'];
/** Licences 16.. with their German names (language 2); the first is every product's unless said. */
const LICENSES: readonly { name: string; de: string; users: number }[] = [
  { name: 'Single user', de: 'Einzelplatz', users: 1 },
  { name: 'Family (5 devices)', de: 'Familie (5 Geräte)', users: 5 },
  { name: 'Classroom (30 users)', de: 'Klassenzimmer (30 Nutzer)', users: 30 },
  { name: 'Buy', de: 'Kaufen', users: 1 },
  { name: 'Rent 48 h', de: 'Leihen 48 Std.', users: 1 },
];
/** How many licences the shop has unless told (SeedOptions.licenseCount). */
export const LICENSE_COUNT = LICENSES.length;

/**
 * Price models 1..2 are EUR+USD, 3 is USD only, 4 is GBP+CHF only, 5..8 EUR+USD at other levels,
 * 9 has no currency, only country prices.
 */
function priceModels(): PriceModelWire[] {
  const model = (id: number, title: string, currencies: [string, number][], countries: PriceModelWire['countries'] = []): PriceModelWire => ({
    id,
    title,
    valid: 1,
    currencies: currencies.map(([currency, price]) => ({ currency, price })),
    countries,
    created_at: '2014-07-02T13:25:26',
    modified_at: '2015-08-02T16:22:21',
  });
  return [
    model(1, 'Default pricing for new items', [['eur', 1499], ['usd', 1599]]),
    model(2, 'Compare-at (list) price', [['eur', 2499], ['usd', 2699]]),
    model(3, 'US only', [['usd', 999]]),
    model(4, 'UK and Switzerland', [['gbp', 1250], ['chf', 1390]]),
    model(5, 'Budget', [['eur', 499], ['usd', 549]]),
    model(6, 'Premium', [['eur', 4900], ['usd', 5300]]),
    model(7, 'HD upgrade', [['eur', 1999], ['usd', 2199]]),
    model(8, 'Odd cents', [['eur', 1005], ['usd', 1]]),
    model(9, 'By country only', [], [{ country_name: 'Germany', country_code: 'DE', price: 1299 }]),
  ];
}

function hex(rand: () => number, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += Math.floor(rand() * 16).toString(16).toUpperCase();
  return out;
}

function longId(rand: () => number): string {
  return [hex(rand, 4), hex(rand, 4), hex(rand, 4), hex(rand, 4)].join('-');
}

function isoDay(rand: () => number, fromYear: number, years: number): string {
  const ms = Date.UTC(fromYear, 0, 1) + Math.floor(rand() * years * 365) * 86_400_000;
  return new Date(ms).toISOString().slice(0, 19);
}

function binding(licenseId: number, priceId: number, compareId: number | null, hd = false): BindingWire {
  return { license_id: licenseId, price_id: priceId, compare_price_id: compareId, hd, num_users: 1, audio_type: 0 };
}

const HOSTILE: readonly { title: string; description: string; image: string }[] = [
  { title: '<b>Bold</b> & co', description: '<p>Looks harmless.</p><script>alert("xss-fr-script")</script>', image: "javascript:alert('xss-fr-image')" },
  { title: '<img src=x onerror=alert("xss-fr-name")>', description: '<img src="x" onerror="alert(\'xss-fr-img\')">', image: 'data:image/svg+xml,<svg onload="alert(1)"/>' },
  { title: 'Click <a href="javascript:alert(1)">here</a>', description: '<p><a href="JaVaScRiPt:alert(\'xss-fr-link\')">Read more</a></p>', image: ' javascript:alert("xss-fr-space")' },
];

export function seedStore(options: SeedOptions): SeedData {
  const rand = createPrng(options.seed);
  const categories: CategoryWire[] = CATEGORY_NAMES.slice(0, Math.max(0, options.categoryCount)).map((name, i) => ({
    id: 197 + i,
    name,
    created_at: '2012-04-16T13:54:12',
  }));
  const licenses: LicenseWire[] = LICENSES.slice(0, Math.max(0, options.licenseCount)).map((licence, i) => ({
    id: 16 + i,
    name: licence.name,
    num_users: licence.users,
    locales: [
      { language_id: 1, name: licence.name, description: '' },
      { language_id: 2, name: licence.de, description: '' },
    ],
  }));
  const licenseId = licenses[0]?.id ?? 16;
  const products: ProductWire[] = [];
  for (let i = 0; i < options.productCount; i++) {
    const id = 1001 + i;
    const kind = KINDS[i % KINDS.length] ?? { type: 16, label: 'ePub' };
    const base = `${WORDS[Math.floor(rand() * WORDS.length)] ?? 'Moby'} ${WORDS[Math.floor(rand() * WORDS.length)] ?? 'Dick'} ${id}`;
    const title = `${base} (${kind.label})`;
    const category = categories.length === 0 ? undefined : categories[i % categories.length];
    let bindings = [binding(licenseId, [1, 5, 6, 7, 8][i % 5] ?? 1, i % 4 === 0 ? 2 : null)];
    if (id === 1001) bindings = [binding(licenseId, 3, null)];
    if (id === 1002) bindings = [binding(licenseId, 7, 2, true), binding(licenses[1]?.id ?? licenseId, 5, null)];
    if (id === 1003) bindings = [binding(licenseId, 4, null)];
    if (id === 1008) bindings = [binding(licenseId, 9, null)];
    // A film to buy or rent, and for a family (priced in USD only), each in HD.
    if (id === 1009) bindings = [binding(licenses[3]?.id ?? licenseId, 6, null, true), binding(licenses[4]?.id ?? licenseId, 5, null, true), binding(licenses[1]?.id ?? licenseId, 3, null, true)];
    const noLocales = id === 1004 || id === 1005;
    products.push({
      id,
      product_id: longId(rand),
      title,
      version: 'Ver. 001',
      comment: i % 7 === 0 ? 'staff pick' : '',
      product_type: kind.type,
      // Every 10th product is not valid; every 15th was never released (the plugin's 2001 rule).
      valid: i % 10 !== 9,
      published_at: i % 15 === 14 ? '0001-01-01T00:00:00' : isoDay(rand, 2012, 12),
      locales: noLocales
        ? []
        : [
            { language_id: 1, title: base, description: `<p>${base}: a DRM-protected ${kind.label}.</p>` },
            ...(i % 3 === 0 ? [{ language_id: 2, title: `${base} (Deutsch)`, description: `<p>${base} auf Deutsch.</p>` }] : []),
          ],
      price_license_binding: bindings,
      categories: category === undefined ? [] : [{ id: 6788 + i, category_id: category.id, created_at: '2012-04-16T13:54:12' }],
      images: i % 6 === 5 ? [] : [{ url: `${PICTURE_HOST}/GetImage/ProductPicture/${id}` }],
    });
  }
  if (options.hostileProducts) {
    HOSTILE.forEach((spec, i) => {
      products.push({
        id: 1900 + i,
        product_id: longId(rand),
        title: spec.title,
        version: 'Ver. 001',
        comment: 'hostile',
        product_type: 16,
        valid: true,
        published_at: '2020-01-01T00:00:00',
        locales: [{ language_id: 1, title: spec.title, description: spec.description }],
        price_license_binding: [binding(licenseId, 1, null)],
        categories: [],
        images: [spec.image, { url: spec.image }],
      });
    });
  }
  const orders: OrderWire[] = [];
  const statuses: OrderWire['status'][] = ['paid', 'paid', 'pending', 'cancelled', 'refunded'];
  // Numbered in the order they came in, as a shop's orders are: a later number, a later date.
  const dates = Array.from({ length: options.orderCount }, () => isoDay(rand, 2023, 2)).sort();
  for (let i = 0; i < options.orderCount; i++) {
    orders.push({
      id: 50_001 + i,
      order_number: `FR-${100_000 + i}`,
      created_at: dates[i]!,
      currency: i % 9 === 8 ? 'usd' : 'eur',
      total_price: 499 + Math.floor(rand() * 100) * 100,
      status: statuses[i % statuses.length] ?? 'paid',
      email: `buyer${i + 1}@example.com`,
    });
  }
  return { products, prices: priceModels(), categories, licenses, orders };
}
