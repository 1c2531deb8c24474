import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Catalogue, formatCost } from './catalogue.ts';
import { startDemoStore, type DemoStore } from './server.ts';
import { api, implicitToken } from './store-client.ts';

interface WireImage {
  url: string;
  alt: string;
  width: number;
  height: number;
}
interface WireProduct {
  id: string;
  name: string;
  description: string;
  description_short: string;
  cost: string;
  cost_raw: number;
  currency: string;
  compare_at_cost_raw: number | null;
  images: WireImage[];
  categories: string[];
  tags: string[];
  permalink: string;
  in_stock: boolean;
  published: boolean;
  inventory?: number;
  created: string;
  updated: string;
}

let store: DemoStore;
let hostile: DemoStore;
let products: WireProduct[];

async function everyProduct(origin: string, token: string): Promise<WireProduct[]> {
  const all: WireProduct[] = [];
  for (let page = 0; page < 10; page++) {
    const batch = (await api(origin, `/api/v1/products?count=100&page=${page}`, { token })).json.products as WireProduct[];
    all.push(...batch);
    if (batch.length < 100) return all;
  }
  throw new Error('more than 1000 products');
}

beforeAll(async () => {
  [store, hostile] = await Promise.all([startDemoStore({ port: 0 }), startDemoStore({ port: 0, hostileProducts: true })]);
  products = await everyProduct(store.origin, await implicitToken(store.origin, 'admin'));
});
afterAll(() => Promise.all([store.close(), hostile.close()]));

describe('the seeded catalogue', () => {
  it('is deterministic: same products in every instance, whatever the origin', () => {
    const list = (c: Catalogue) => c.list({ page: 0, count: 100, sort: 'name', includeUnpublished: true }).products;
    const a = list(new Catalogue({ productCount: 520, hostileProducts: false }));
    expect(a).toEqual(list(new Catalogue({ productCount: 520, hostileProducts: false })));
    expect(a).not.toEqual(list(new Catalogue({ productCount: 520, hostileProducts: false, seed: 7 })));
    const portable = (s: DemoStore, id: string) => JSON.stringify(s.getProduct(id)).replaceAll(s.origin, 'ORIGIN');
    for (const id of ['1001', '1250', '1520']) expect(portable(store, id)).toBe(portable(hostile, id));
  });

  it('has 520 products across 8 categories with plausible fields', () => {
    expect(products).toHaveLength(520);
    const categories = new Set(products.flatMap((p) => p.categories));
    expect(categories.size).toBe(8);
    for (const p of products) {
      expect(p.name.length).toBeGreaterThan(3);
      expect(p.currency).toBe('USD');
      expect(p.cost).toBe(formatCost(p.cost_raw));
      expect(p.cost).toMatch(/^\$[\d,]+\.\d\d$/);
      expect(p.tags.length).toBeGreaterThan(0);
      expect(Date.parse(p.updated)).toBeGreaterThanOrEqual(Date.parse(p.created));
      expect(p.in_stock).toBe((p.inventory ?? 0) > 0);
    }
  });

  it('describes each product as what it is, in English a shopper reads ("An everyday take on the fountain pen")', () => {
    for (const p of products) {
      const lead = /^<p>(An?) (\S+) take on the ([^,]+),/.exec(p.description);
      expect(lead, p.description).not.toBeNull();
      const [, article, adjective, noun] = lead!;
      expect(article).toBe(/^[aeiou]/.test(adjective!) ? 'An' : 'A');
      expect(p.name.toLowerCase()).toContain(noun);
    }
  });

  it('has sale prices, out-of-stock items, about 5% unpublished, and float prices', () => {
    const onSale = products.filter((p) => p.compare_at_cost_raw !== null);
    expect(onSale.length).toBeGreaterThan(50);
    expect(onSale.every((p) => (p.compare_at_cost_raw ?? 0) > p.cost_raw)).toBe(true);
    expect(products.filter((p) => !p.in_stock).length).toBeGreaterThan(20);
    const unpublished = products.filter((p) => !p.published).length / products.length;
    expect(unpublished).toBeGreaterThan(0.02);
    expect(unpublished).toBeLessThan(0.09);
    expect(products.some((p) => !Number.isInteger(p.cost_raw))).toBe(true);
    // The float quirk: some prices carry noise a client must round away.
    expect(products.some((p) => Math.round(p.cost_raw * 100) / 100 !== p.cost_raw)).toBe(true);
  });

  it('points every URL at the store itself, images with their size', () => {
    const origin = store.origin;
    for (const p of products) {
      expect(p.permalink).toBe(`${origin}/products/${p.id}`);
      for (const image of p.images) {
        expect(image.url.startsWith(`${origin}/images/`)).toBe(true);
        expect(image.width).toBeGreaterThan(0);
        expect(image.height).toBeGreaterThan(0);
      }
    }
    const urls = JSON.stringify(products).match(/(?:https?:)?\/\/[^"\s<>]+/g) ?? [];
    expect(urls.length).toBeGreaterThan(500);
    expect(urls.filter((u) => !u.startsWith(origin))).toEqual([]);
    expect(products.filter((p) => p.images.length === 0).length).toBeGreaterThan(0);
    expect(products.filter((p) => p.images.length > 1).length).toBeGreaterThan(0);
  });
});

describe('images the store serves itself', () => {
  it('serves each product image as image/svg+xml of the advertised size, the same every time', async () => {
    const withImages = products.filter((p) => p.images.length > 0).slice(0, 5);
    const bodies: string[] = [];
    for (const p of withImages) {
      const image = p.images[0]!;
      const response = await fetch(image.url);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('image/svg+xml');
      const svg = await response.text();
      expect(svg).toMatch(new RegExp(`^<svg xmlns="http://www.w3.org/2000/svg" width="${image.width}" height="${image.height}" viewBox="0 0 ${image.width} ${image.height}"`));
      expect(svg).not.toMatch(/<script|on\w+=|href=/i);
      expect(await (await fetch(image.url)).text()).toBe(svg);
      bodies.push(svg);
    }
    expect(new Set(bodies).size).toBe(bodies.length);
  });

  it('serves a second image and the logo; 404 for an image that does not exist', async () => {
    const second = products.find((p) => p.images.length > 1)?.images[1];
    if (second === undefined) throw new Error('no second image');
    expect((await fetch(second.url)).status).toBe(200);
    const logo = await fetch(`${store.origin}/images/logo.svg`);
    expect(logo.headers.get('content-type')).toBe('image/svg+xml');
    expect((await fetch(`${store.origin}/images/99999.svg`)).status).toBe(404);
    expect((await fetch(`${store.origin}/images/1001.7.svg`)).status).toBe(404);
  });

  // Regression: a QA walk's console showed a 404 as the app came back from the consent page: the
  // browser's /favicon.ico of the store's pages, which named no icon. They name the store's logo.
  it('its pages name the store’s logo as their icon, which loads (no /favicon.ico asked for)', async () => {
    const html = await (await fetch(`${store.origin}/`)).text();
    const icon = /<link rel="icon" href="([^"]+)" type="image\/svg\+xml">/.exec(html)?.[1];
    expect(icon).toBe('/images/logo.svg');
    const answer = await fetch(new URL(icon ?? '', store.origin));
    expect([answer.status, answer.headers.get('content-type')]).toEqual([200, 'image/svg+xml']);
  });

  it('losePicture: that picture answers 404 while the product still names it; its other pictures still load', async () => {
    // not the first such product, whose second picture the test above asks for
    const product = products.filter((p) => p.images.length > 1)[1];
    if (product === undefined) throw new Error('no product with two images');
    const [lost, kept] = product.images;
    store.losePicture(lost!.url);
    expect((await fetch(lost!.url)).status).toBe(404);
    expect((await fetch(kept!.url)).status).toBe(200);
    const token = await implicitToken(store.origin, 'storefront');
    const named = (await api(store.origin, `/api/v1/products/${product.id}`, { token })).json as WireProduct;
    expect(named.images.map((i) => i.url)).toEqual([lost!.url, kept!.url]);
  });

  it('serves a storefront page at a permalink, with the name escaped', async () => {
    const product = products.find((p) => p.published);
    if (product === undefined) throw new Error('no published product');
    const response = await fetch(product.permalink);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain(product.name.replaceAll('&', '&amp;'));
    expect((await fetch(`${store.origin}/`)).status).toBe(200);
  });
});

describe('pictures as photos (photoPictures: true)', () => {
  it('answers the same picture URLs with a 400 x 400 PNG, cacheable; the logo stays SVG and an unknown picture is still 404', async () => {
    const photoStore = await startDemoStore({ port: 0, photoPictures: true });
    try {
      const token = await implicitToken(photoStore.origin, 'storefront');
      const listed = (await api(photoStore.origin, '/api/v1/products?count=5', { token })).json.products as WireProduct[];
      const urls = listed.flatMap((p) => p.images.map((i) => i.url));
      expect(urls.length).toBeGreaterThan(0);
      expect(urls.every((u) => u.startsWith(`${photoStore.origin}/images/`))).toBe(true);
      for (const url of urls) {
        const response = await fetch(url);
        expect(response.status).toBe(200);
        expect(response.headers.get('content-type')).toBe('image/png');
        expect(response.headers.get('cache-control')).toBe('public, max-age=86400');
        const bytes = Buffer.from(await response.arrayBuffer());
        expect([...bytes.subarray(0, 8)]).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
        expect([bytes.readUInt32BE(16), bytes.readUInt32BE(20)]).toEqual([400, 400]); // IHDR width, height
      }
      expect((await fetch(`${photoStore.origin}/images/logo.svg`)).headers.get('content-type')).toBe('image/svg+xml');
      expect((await fetch(`${photoStore.origin}/images/99999.svg`)).status).toBe(404);
    } finally {
      await photoStore.close();
    }
  });
});

describe('hostile products (hostileProducts: true)', () => {
  let hostileList: WireProduct[];
  beforeAll(async () => {
    const token = await implicitToken(hostile.origin, 'storefront');
    hostileList = (await api(hostile.origin, '/api/v1/products?count=20', { token })).json.products as WireProduct[];
  });

  it('are absent by default', () => {
    expect(products.some((p) => p.categories.includes('Hostile'))).toBe(false);
  });

  it('come first in the default sort, in category Hostile', () => {
    const first = hostileList.slice(0, 6);
    expect(first.every((p) => p.categories.includes('Hostile'))).toBe(true);
    expect(hostileList.slice(6).some((p) => p.categories.includes('Hostile'))).toBe(false);
  });

  it('hold every payload the app must neutralise', () => {
    const text = JSON.stringify(hostileList.slice(0, 6));
    const all = hostileList.slice(0, 6);
    expect(all.map((p) => p.name)).toContain('<b>Bold</b> & co');
    const descriptions = all.map((p) => p.description).join('\n');
    for (const payload of ['<script>', '<img src="x" onerror=', 'href="javascript:', '<iframe', '<svg onload=', 'style="']) {
      expect(descriptions).toContain(payload);
    }
    const imageUrls = all.flatMap((p) => p.images.map((i) => i.url));
    expect(imageUrls.some((u) => u.toLowerCase().startsWith('javascript:'))).toBe(true);
    expect(imageUrls.some((u) => u.startsWith('data:'))).toBe(true);
    expect(imageUrls.every((u) => !u.startsWith('http'))).toBe(true);
    const permalinks = all.map((p) => p.permalink);
    expect(permalinks.some((u) => u.startsWith('javascript:'))).toBe(true);
    expect(permalinks.some((u) => u.startsWith('data:'))).toBe(true);
    // the one address off the demo's own machine: a plain-http link and picture in a description (case 34)
    expect(descriptions).toContain('<a href="http://shop.example/plain-http">');
    expect(descriptions).toContain('<img src="http://images.example/plain-http.png"');
    expect(text.replace(/http:\/\/(shop|images)\.example\/plain-http/g, '')).not.toMatch(/https?:\/\/(?!127\.0\.0\.1)/);
  });

  it('add a hostile page too', async () => {
    const token = await implicitToken(hostile.origin, 'storefront');
    const pages = (await api(hostile.origin, '/api/v1/pages', { token })).json.pages as { slug: string; body_html: string }[];
    expect(pages.find((p) => p.slug === 'hostile')?.body_html).toContain('<script>');
  });
});

describe('right-to-left products (rtlProducts: true)', () => {
  it('adds five products, an order, a coupon and a page on top of the default catalogue, whose counts stay', () => {
    const plain = new Catalogue({ productCount: 520, hostileProducts: false });
    const rtl = new Catalogue({ productCount: 520, hostileProducts: false, rtlProducts: true });
    expect(rtl.size).toBe(plain.size + 5);
    expect(rtl.publishedCount).toBe(plain.publishedCount + 5);
    expect(rtl.orders).toHaveLength(plain.orders.length + 1);
    expect(rtl.coupons.map((c) => c.code)).toEqual([...plain.coupons.map((c) => c.code), 'خصم10']);
    expect(rtl.pages.map((p) => p.slug)).toEqual([...plain.pages.map((p) => p.slug), 'about-ar']);
    const newest = rtl.list({ page: 0, count: 5, sort: 'newest', includeUnpublished: false }).products;
    expect(newest.map((p) => p.name)).toEqual(['(3) كوب', 'כוס קפה גדולה', 'Mug – كوب', 'AB-12 قهوة', expect.stringMatching(/^فنجان چای/)]);
  });
});
