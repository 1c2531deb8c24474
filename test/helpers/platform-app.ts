/**
 * The built app for one seam platform's store, configured by config.json alone, as the platform e2e
 * files (test/e2e/{shopware,storehippo,foxy,flickrocket}-app.test.ts) start it: the app on a static
 * server under its own path, the platform's faithful server, the config and the deployment headers
 * (CSP) the app is served with, both servers closed after the file; and a page on the home screen.
 */
import type { Page } from 'playwright-core';
import type { AppConfig } from '../../src/lib/config/types.ts';
import type { E2e } from './e2e-fixture.ts';
import { deploymentHeaders } from './e2e-app.ts';
import { BUILD_DIR } from './paths.ts';
import { startStaticServer, type StaticServer } from './static-server.ts';

export interface PlatformAppOptions<S> {
  /** Where the app is served, e.g. '/shops/demo/'. */
  basePath: string;
  /** Starts the platform's server; the app is already listening (its origin for CORS, its url for redirects). */
  startStore: (app: StaticServer) => Promise<S>;
  /** The config.json of the deployment, once the store's origins are known. */
  config: (store: S, app: StaticServer) => AppConfig;
}

export async function servePlatformApp<S extends { close(): Promise<unknown> }>(e2e: E2e, options: PlatformAppOptions<S>): Promise<{ app: StaticServer; store: S }> {
  const app = await startStaticServer({ root: BUILD_DIR, basePath: options.basePath });
  let store: S;
  try {
    store = await options.startStore(app);
  } catch (error) {
    await app.close();
    throw error;
  }
  e2e.closeAfterAll(() => Promise.all([app.close(), store.close()]));
  const config = options.config(store, app);
  app.setOverride('config.json', JSON.stringify(config));
  app.setHeaders(deploymentHeaders(config));
  return { app, store };
}

/** A fresh page (its own browser context) on the app's home screen, with the lines its console printed. */
export async function openAppHome(e2e: E2e, app: StaticServer, width = 1280): Promise<{ page: Page; lines: string[] }> {
  const { page, console } = await e2e.open({ width });
  await page.goto(app.url);
  await page.getByRole('heading', { name: 'Your stores' }).waitFor();
  return { page, lines: console.lines };
}
