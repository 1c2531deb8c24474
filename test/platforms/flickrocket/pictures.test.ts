/**
 * The demo's stand-in for FlickRocket's picture host (pictures.ts): with `picturesPort`, the
 * products' picture URLs point at it and it draws each; without, they name FlickRocket's own host.
 */
import { describe, expect, it } from 'vitest';
import { PICTURE_HOST } from './pictures.ts';
import { startFlickRocketStore } from './server.ts';

function pictureOf(product: { images: ({ url: string } | string)[] } | undefined): string | undefined {
  const first = product?.images[0];
  return typeof first === 'object' ? first.url : undefined;
}

describe('FlickRocket picture host', () => {
  it('without picturesPort, the picture URLs name FlickRocket’s own host', async () => {
    const store = await startFlickRocketStore({ port: 0, hooksPort: null, productCount: 3, hostileProducts: false });
    try {
      expect(pictureOf(store.getProduct(1001))).toMatch(new RegExp(`^${PICTURE_HOST}/GetImage/ProductPicture/\\d+$`));
    } finally {
      await store.close();
    }
  });

  it('with picturesPort, they point at the stand-in, which draws each product’s picture and knows no other', async () => {
    const store = await startFlickRocketStore({ port: 0, hooksPort: null, picturesPort: 0, productCount: 3, hostileProducts: false });
    try {
      const url = pictureOf(store.getProduct(1001));
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/GetImage\/ProductPicture\/1001$/);
      const picture = await fetch(url!);
      expect(picture.status).toBe(200);
      expect(picture.headers.get('Content-Type')).toBe('image/svg+xml');
      expect(picture.headers.get('Cross-Origin-Resource-Policy')).toBe('cross-origin');
      expect(await picture.text()).toMatch(/^<svg /);
      expect((await fetch(url!.replace(/1001$/, '999999'))).status).toBe(404);
      expect((await fetch(new URL('/other', url)).then((r) => r.status))).toBe(404);
    } finally {
      await store.close();
    }
  });
});
