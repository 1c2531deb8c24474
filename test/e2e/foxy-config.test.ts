/**
 * Foxy in the built app, configured by config.json alone (issue 14, the part the seam's UI does not
 * yet drive): a Foxy entry next to a Goodsie one loads, the home screen lists it, and nothing of
 * Foxy's connector or adapter is fetched, nor any request sent to the Foxy server, until a Foxy
 * store is used. Screenshots at 360 and 1280 px go to .test-artifacts/foxy-*.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium, newPage } from '../helpers/browser.ts';
import { deploymentHeaders } from '../helpers/e2e-app.ts';
import { BUILD_DIR } from '../helpers/paths.ts';
import { startStaticServer, type StaticServer } from '../helpers/static-server.ts';
import { startFoxyStore, type FoxyStore } from '../platforms/foxy/server.ts';
import type { AppConfig } from '../../src/lib/config/types.ts';

let browser: Browser;
let app: StaticServer;
let foxy: FoxyStore;

beforeAll(async () => {
  app = await startStaticServer({ root: BUILD_DIR, basePath: '/shops/foxy/' });
  foxy = await startFoxyStore({ port: 0, allowedOrigins: [app.origin] });
  const config = { stores: [{ id: 'foxy', kind: 'foxy', name: 'Foxy Demo Outfitters', apiBase: foxy.origin, auth: ['token-bundle'] }] } as AppConfig;
  app.setOverride('config.json', JSON.stringify(config));
  app.setHeaders(deploymentHeaders(config));
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await Promise.all([app?.close(), foxy?.close()]);
});

describe('Foxy store in config.json', () => {
  for (const width of [360, 1280]) {
    it(`lists the store at ${width} px without loading Foxy's code or calling Foxy`, async () => {
      const { context, page, console: log } = await newPage(browser, { width });
      const scripts: string[] = [];
      page.on('request', (request) => {
        if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname);
      });
      foxy.resetStats();
      await page.goto(app.url);
      await expect.poll(() => page.getByRole('heading', { name: 'Foxy Demo Outfitters' }).count(), { timeout: 10_000 }).toBe(1);
      await page.screenshot({ path: `${BUILD_DIR}/../foxy-home-${width}.png`, fullPage: true });
      expect(log.lines.filter((line) => line.startsWith('pageerror'))).toEqual([]);
      expect(scripts.some((path) => /\/(connector|adapter)-[\w-]+\.js$/.test(path))).toBe(false);
      expect(foxy.stats()).toMatchObject({ tokenRequests: 0, apiRequests: 0, canaryHits: 0 });
      await context.close();
    });
  }
});
