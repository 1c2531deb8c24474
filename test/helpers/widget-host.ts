/**
 * What the widget's end-to-end files share: a storefront-only token got the way a person would (the
 * demo store's consent page, Allow), and a site on another origin to embed it in, a static server
 * with the embedding site's own strict CSP (scripts only from the app's origin, no inline styles).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { authorize } from '../demo-store/store-client.ts';
import type { E2e } from './e2e-fixture.ts';
import { CLIENT_ID } from './e2e-app.ts';
import { startStaticServer, strictHostCsp, type StaticServer } from './static-server.ts';

/** A token for the demo store's storefront scope alone; `state` names the file in the store's log. */
export async function storefrontToken(e2e: E2e, state: string): Promise<string> {
  const { fragment } = await authorize(e2e.env.store.origin, {
    client_id: CLIENT_ID,
    response_type: 'token',
    redirect_uri: e2e.env.app.url,
    scope: 'storefront',
    state,
  });
  const value = fragment.get('access_token');
  if (!value) throw new Error(`the demo store gave no token (${fragment.get('error') ?? 'no error'})`);
  return value;
}

/** The host site (its folder, `root`, removed after the file), under the strict CSP; no addAllowedOrigin: the store lets any origin read its storefront. */
export async function startWidgetHost(e2e: E2e, folderPrefix: string): Promise<{ host: StaticServer; root: string }> {
  const root = await mkdtemp(join(tmpdir(), folderPrefix));
  e2e.closeAfterAll(() => rm(root, { recursive: true, force: true }));
  const host = await startStaticServer({ root, basePath: '/' });
  e2e.closeAfterAll(() => host.close());
  host.setHeaders(strictHostCsp(e2e.env.app.origin, e2e.env.store.origin));
  return { host, root };
}
