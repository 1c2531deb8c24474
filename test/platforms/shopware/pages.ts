/** The demo shop's "Settings › System › Integrations" page and its media host's images. */
import { DEMO_INTEGRATIONS, DEMO_USERS, SALES_CHANNEL_ACCESS_KEY } from './constants.ts';
import { escapeHtml } from '../../demo-store/http-utils.ts';

export const HTML_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

function row(label: string, value: string): string {
  return `<tr><th scope="row">${escapeHtml(label)}</th><td><code>${escapeHtml(value)}</code></td></tr>`;
}

/** Lists the demo credentials for a person trying the demo to copy (public test data). */
export function renderIntegrationsPage(origin: string): string {
  const integrations = DEMO_INTEGRATIONS.map(
    (i) => `<section><h2>${escapeHtml(i.label)}</h2><table>${row('Access key ID', i.accessKeyId)}${row('Secret access key', i.secret)}${row('Role', i.admin ? 'Administrator' : i.privileges.join(', '))}</table></section>`,
  ).join('');
  const users = DEMO_USERS.map((u) => `<tr><td><code>${escapeHtml(u.username)}</code></td><td><code>${escapeHtml(u.password)}</code></td><td>${u.admin ? 'Administrator' : 'Catalogue viewer'}</td></tr>`).join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Settings › System › Integrations · Demo Shopware</title>
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;color:#1f2933}th{text-align:left;padding-right:1rem}code{background:#f0f3f7;padding:.1rem .3rem;user-select:all}section{border:1px solid #d4dbe3;border-radius:6px;padding:0 1rem 1rem;margin:1rem 0}</style></head>
<body><h1>Settings › System › Integrations</h1>
<p>A local Shopware 6 stand-in for trying Storefront Connect. API base: <code>${escapeHtml(origin)}</code>. These are fixed demo credentials, not secrets of a real shop.</p>
${integrations}
<section><h2>Administration users (password sign-in, client <code>administration</code>)</h2><table><tr><th>Username</th><th>Password</th><th>Role</th></tr>${users}</table></section>
<section><h2>Sales channel "Storefront"</h2><table>${row('Sales channel access key (sw-access-key)', SALES_CHANNEL_ACCESS_KEY)}</table></section>
</body></html>`;
}

/** A small SVG for a media path (the media host serves every seeded path). */
export function renderMediaSvg(path: string, size: number): string {
  const label = escapeHtml(path.split('/').at(-1)?.replace(/(_\d+x\d+)?\.svg$/, '') ?? '');
  let hash = 0;
  for (const c of path) hash = (hash * 31 + c.charCodeAt(0)) % 360;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 100 100"><rect width="100" height="100" fill="hsl(${hash} 60% 75%)"/><text x="50" y="55" font-size="9" text-anchor="middle" font-family="sans-serif">${label}</text></svg>`;
}

/**
 * The Storefront's product page (`GET /detail/{productId}`, route `frontend.detail.page`), the
 * address the widget links a card to under the shop's storefront address: the product's name and
 * price, as much of the real page as a link test needs.
 */
export function renderProductPage(name: string, price: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(name)} · Demo Shopware</title></head>
<body><main><h1>${escapeHtml(name)}</h1><p>${escapeHtml(price)}</p><button type="button">Add to shopping cart</button></main></body></html>`;
}
