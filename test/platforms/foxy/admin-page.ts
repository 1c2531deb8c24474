/**
 * "Integrations › Get Token": the page of Foxy's admin that shows a new integration's credentials
 * once (seed 003). Here it lists the fixed demo bundle, in the block form the app's paste helper
 * reads, with a freshly issued access token as Foxy shows it (the app ignores that one).
 */
import { escapeHtml } from '../../demo-store/http-utils.ts';
import type { FoxyBundle } from './constants.ts';

/** The block a person copies: one `name: value` line per field, as the admin lists them. */
export function bundleBlock(bundle: FoxyBundle, accessToken: string): string {
  return [
    `client_id: ${bundle.client_id}`,
    `client_secret: ${bundle.client_secret}`,
    `access_token: ${accessToken}`,
    `refresh_token: ${bundle.refresh_token}`,
  ].join('\n');
}

export function renderGetTokenPage(bundle: FoxyBundle, accessToken: string, apiOrigin: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Integrations › Get Token · Foxy (local demo)</title>
<style>
  body { font: 16px/1.5 system-ui, sans-serif; max-width: 44rem; margin: 2rem auto; padding: 0 1rem; color: #1d2733; }
  pre { background: #f3f5f7; border: 1px solid #c9d1d9; border-radius: 6px; padding: 1rem; white-space: pre-wrap; word-break: break-all; }
  .note { color: #5b6673; font-size: 0.9rem; }
</style>
</head>
<body>
<h1>Integrations › Get Token</h1>
<p>Your new integration was created with the <code>store_full_access</code> scope for
<strong>Foxy Demo Outfitters</strong>. Copy these values now: they won't be shown again.</p>
<pre id="token-block" aria-label="Integration credentials">${escapeHtml(bundle === undefined ? '' : bundleBlock(bundle, accessToken))}</pre>
<p class="note">API home: <code>${escapeHtml(apiOrigin)}/</code> (send <code>FOXY-API-VERSION: 1</code>).
This is the local faithful copy of Foxy used for the demo and the tests; these fixed demo values work only here.</p>
</body>
</html>
`;
}
