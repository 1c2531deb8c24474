/** The server's HTML: a home page and the "Advance Settings › Access Keys" page listing the demo keys. */
import { escapeHtml } from '../../demo-store/http-utils.ts';
import type { KeyRecord } from './seed.ts';

const STYLE =
  'body{font:16px/1.5 system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;color:#1d2733}' +
  'table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #d5dbe3;padding:.5rem;text-align:left}' +
  'code{font-size:.95em;background:#eef2f6;padding:.1rem .3rem;border-radius:3px;user-select:all}';

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body>${body}</body></html>`;
}

export function renderHomePage(origin: string, productCount: number): string {
  return page(
    'StoreHippo demo store (local)',
    `<h1>StoreHippo demo store (local test server)</h1><p>${productCount} products. API base: <code>${escapeHtml(origin)}</code>, ` +
      `API version <code>1.1</code> (also <code>1</code>).</p><p><a href="/admin/settings/access-keys">Advance Settings › Access Keys</a></p>`,
  );
}

export function renderAccessKeysPage(keys: readonly KeyRecord[]): string {
  const rows = keys
    .filter((k) => k.kind === 'access-key')
    .map(
      (k) =>
        `<tr><td>${escapeHtml(k.label)}</td><td>${escapeHtml(k.role.name)}</td><td>${k.enabled ? 'Enabled' : 'Disabled'}</td>` +
        `<td><code>${escapeHtml(k.secret)}</code></td></tr>`,
    )
    .join('');
  return page(
    'Access Keys',
    '<p><a href="/">Admin</a> › Advance Settings › Access Keys</p><h1>Access Keys</h1>' +
      '<p>Demo keys of this <strong>local test server</strong> only. Copy one into Storefront Connect. ' +
      'The read-only key sees products only; the manager key also sees orders and coupons and may edit products.</p>' +
      `<table><thead><tr><th>Name</th><th>User role</th><th>Status</th><th>Access key</th></tr></thead><tbody>${rows}</tbody></table>`,
  );
}
