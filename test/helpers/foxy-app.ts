/**
 * The built app with one Foxy store, its local faithful server (test/platforms/foxy), connected in
 * Chromium as a merchant does: the demo store's Get Token bundle pasted into the store's form.
 */
import type { Page } from 'playwright-core';
import type { E2e } from './e2e-fixture.ts';
import { openAppHome, servePlatformApp } from './platform-app.ts';
import type { StaticServer } from './static-server.ts';
import { DEMO_BUNDLE } from '../platforms/foxy/constants.ts';
import { startFoxyStore, type FoxyStore, type FoxyStoreOptions } from '../platforms/foxy/server.ts';

export const FOXY_NAME = 'Foxy Demo Outfitters';

/** The store's options beyond its port and the app's origin (e.g. `extraCoupons`). */
type FoxyOptions = Omit<FoxyStoreOptions, 'port' | 'allowedOrigins'>;

/** The app at /shops/foxy/ with the Foxy store `foxy`, opened at `width` and connected with the demo bundle. */
export async function connectedFoxy(e2e: E2e, width: number, options: FoxyOptions = {}): Promise<{ page: Page; app: StaticServer; foxy: FoxyStore }> {
  const { app, store: foxy } = await servePlatformApp(e2e, {
    basePath: '/shops/foxy/',
    startStore: (app) => startFoxyStore({ ...options, port: 0, allowedOrigins: [app.origin] }),
    config: (foxy) => ({ stores: [{ id: 'foxy', kind: 'foxy', name: FOXY_NAME, apiBase: foxy.origin, auth: ['token-bundle'] }] }),
  });
  const { page } = await openAppHome(e2e, app, width);
  const { client_id, client_secret, refresh_token } = DEMO_BUNDLE;
  await page.getByRole('textbox', { name: /^Get Token bundle/ }).fill(`client_id: ${client_id}\nclient_secret: ${client_secret}\nrefresh_token: ${refresh_token}`);
  await page.getByRole('button', { name: /^Connect .* with the get token bundle$/ }).click();
  await page.getByText(/^Connected · can browse products and see orders and coupons$/).waitFor();
  return { page, app, foxy };
}
