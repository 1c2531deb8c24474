/**
 * The demo's stand-in for the Foxy shop's own site (site.ts): the items' picture URLs point at it
 * and it draws each; the seed alone keeps the shop's own host (the tests' default).
 */
import { describe, expect, it } from 'vitest';
import { closeServer } from '../../demo-store/http-utils.ts';
import { HOSTILE_IMAGE, SHOP_SITE, createSeed } from './seed.ts';
import { startShopSite } from './site.ts';

const images = (seed: ReturnType<typeof createSeed>) => seed.transactions.flatMap((t) => t.items.map((i) => i.image));

describe('Foxy shop site stand-in', () => {
  it('points the items’ pictures at itself and draws each; other paths and the javascript: image are left alone', async () => {
    const seed = createSeed(20);
    expect(images(seed).filter((url) => url !== HOSTILE_IMAGE).every((url) => url.startsWith(`${SHOP_SITE}/img/`))).toBe(true);
    const { origin, server } = await startShopSite(seed, 0, '127.0.0.1');
    try {
      const pictures = images(seed).filter((url) => url !== HOSTILE_IMAGE);
      expect(pictures.length).toBeGreaterThan(5);
      expect(pictures.every((url) => url.startsWith(`${origin}/img/`))).toBe(true);
      expect(images(seed)).toContain(HOSTILE_IMAGE);
      const picture = await fetch(pictures[0]!);
      expect(picture.status).toBe(200);
      expect(picture.headers.get('Content-Type')).toBe('image/svg+xml');
      expect(await picture.text()).toMatch(/^<svg /);
      expect((await fetch(`${origin}/img/not-an-item.jpg`)).status).toBe(404);
      expect((await fetch(`${origin}/products/x`)).status).toBe(404);
    } finally {
      await closeServer(server);
    }
  });
});
