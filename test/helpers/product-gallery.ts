/** A product page's gallery in the end-to-end tests: products of the demo store with pictures, and what the gallery shows. */
import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { STORE_NAME, connectThroughConsent, type AppUnderTest } from './e2e-app.ts';
import { loadedProducts } from './catalog-grid.ts';

interface WireImage {
  url: string;
}

/** Published products of the demo store with two pictures, by id (about one in ten has two). */
export function twoPictured(env: AppUnderTest, count: number): Array<{ id: string; images: WireImage[] }> {
  const found: Array<{ id: string; images: WireImage[] }> = [];
  for (let n = 1001; n <= 1520 && found.length < count; n++) {
    const product = env.store.getProduct(String(n)) as { images: WireImage[]; published: boolean } | undefined;
    if (product?.published && product.images.length === 2) found.push({ id: String(n), images: product.images });
  }
  if (found.length < count) throw new Error('demo store: too few products with two pictures');
  return found;
}

/** What the main place shows: the picture's address once it has loaded, 'not available' for the mark, else 'loading'. */
export function mainPlace(page: Page): Promise<string> {
  return page.getByRole('main').locator('.gallery > .main-image').evaluate((element) => {
    if (element instanceof HTMLImageElement) return element.complete && element.naturalWidth > 0 ? element.src : 'loading';
    return element.querySelector('[aria-label="Picture not available"]') ? 'not available' : element.className;
  });
}

/** Connects to the Goodsie demo store (through its consent page), then opens product `id`'s page by its address. */
export async function openProductSignedIn(page: Page, env: AppUnderTest, id: string): Promise<void> {
  await page.goto(env.app.url);
  await connectThroughConsent(page, STORE_NAME);
  await expect.poll(() => loadedProducts(page)).toBeGreaterThan(0);
  await page.goto(`${env.app.url}#/s/demo/product/${id}`);
  await page.getByRole('heading', { level: 1 }).waitFor();
}
