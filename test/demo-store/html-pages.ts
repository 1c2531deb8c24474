/** The store's own HTML: the consent page, the error page, a home page and product pages. */
import { escapeHtml } from './http-utils.ts';

const STYLE = `
  :root { color-scheme: light dark; --bg: #f4efe6; --card: #fffdf8; --ink: #1f2a26; --muted: #55625d;
    --brand: #2f6f5e; --brand-ink: #ffffff; --line: #d9d2c5; --warn: #8a4b00; }
  @media (prefers-color-scheme: dark) { :root { --bg: #161b19; --card: #1f2623; --ink: #eef2ef;
    --muted: #a9b5b0; --brand: #7cc3ac; --brand-ink: #0d1f19; --line: #34403b; --warn: #ffb86b; } }
  * { box-sizing: border-box; }
  body { margin: 0; min-height: 100vh; display: grid; place-items: center; padding: 1.5rem;
    background: var(--bg); color: var(--ink); font: 1rem/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; }
  main { width: min(32rem, 100%); background: var(--card); border: 1px solid var(--line); border-radius: 1rem;
    padding: 2rem; box-shadow: 0 0.5rem 2rem rgb(0 0 0 / 0.08); }
  .store { display: flex; align-items: center; gap: 0.75rem; color: var(--muted); margin: 0 0 1rem; }
  .store img { width: 2.5rem; height: 2.5rem; }
  h1 { font-size: 1.4rem; line-height: 1.3; margin: 0 0 1rem; }
  ul { padding: 0; list-style: none; margin: 0 0 1.5rem; }
  li { padding: 0.75rem 0; border-top: 1px solid var(--line); }
  li strong { display: block; }
  .note { color: var(--muted); font-size: 0.9rem; }
  .warn { color: var(--warn); font-size: 0.9rem; }
  .actions { display: flex; gap: 0.75rem; justify-content: flex-end; flex-wrap: wrap; }
  button { font: inherit; font-weight: 600; padding: 0.65rem 1.4rem; border-radius: 0.6rem; cursor: pointer;
    border: 2px solid var(--brand); min-width: 7rem; }
  button[value="deny"] { background: transparent; color: var(--ink); }
  button[value="allow"] { background: var(--brand); color: var(--brand-ink); }
  button:focus-visible { outline: 3px solid var(--ink); outline-offset: 2px; }
  code { font-size: 0.9em; word-break: break-all; }
`;

/** Response headers for every store HTML page: no framing, no script, nothing external. */
export function htmlSecurityHeaders(formTarget?: string): Record<string, string> {
  const formAction = formTarget === undefined ? "'none'" : `'self' ${formTarget}`;
  return {
    'Content-Security-Policy': `default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; form-action ${formAction}; frame-ancestors 'none'; base-uri 'none'`,
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
  };
}

function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<link rel="icon" href="/images/logo.svg" type="image/svg+xml">
<style>${STYLE}</style>
</head>
<body>
<main>
<p class="store"><img src="/images/logo.svg" alt=""> Goodsie Demo Store</p>
${body}
</main>
</body>
</html>
`;
}

export interface ConsentScope {
  scope: string;
  description: string;
  /** False when the store's policy will not grant it. */
  grantable: boolean;
}

export interface ConsentPageInput {
  clientName: string;
  scopes: ConsentScope[];
  redirectOrigin: string;
  /** Hidden form fields: the request and the per-request consent value. */
  hidden: Record<string, string>;
}

/**
 * The consent form: the request and the per-request consent value as hidden fields, Deny and
 * Allow as `decision` buttons (also used by the platform servers under test/platforms/).
 */
export function renderConsentForm(action: string, hidden: Record<string, string>): string {
  const fields = Object.entries(hidden)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('\n');
  return `<form method="post" action="${escapeHtml(action)}" aria-labelledby="consent-title">
${fields}
<div class="actions">
<button type="submit" name="decision" value="deny">Deny</button>
<button type="submit" name="decision" value="allow">Allow</button>
</div>
</form>`;
}

export function renderConsentPage(input: ConsentPageInput): string {
  const app = escapeHtml(input.clientName);
  const items = input.scopes
    .map(
      (s) =>
        `<li><strong>${escapeHtml(s.scope)}</strong>${escapeHtml(s.description)}` +
        (s.grantable ? '' : `<br><span class="warn">This store will not grant this permission.</span>`) +
        '</li>',
    )
    .join('\n');
  return layout(
    `Allow ${input.clientName} to access Goodsie Demo Store?`,
    `<h1 id="consent-title">Allow <span class="app">${app}</span> to access your store?</h1>
<p id="scopes-label">${app} is asking to:</p>
<ul aria-labelledby="scopes-label">
${items}
</ul>
<p class="note">You will be sent back to <code>${escapeHtml(input.redirectOrigin)}</code>.</p>
${renderConsentForm('/oauth2/authorize', input.hidden)}`,
  );
}

export function renderErrorPage(title: string, message: string): string {
  return layout(
    title,
    `<h1>${escapeHtml(title)}</h1>
<p role="alert">${escapeHtml(message)}</p>
<p class="note">You have not been sent back to the app, because the request could not be trusted. Close this page and try again from the app.</p>`,
  );
}

export function renderHomePage(origin: string, productCount: number, publishedCount: number = productCount): string {
  return layout(
    'Goodsie Demo Store',
    `<h1>Goodsie Demo Store</h1>
<p>A local stand-in for a Goodsie store: an OAuth 2.0 authorization server and a store API with ${productCount} generated products.
${publishedCount} are published and shown to everyone; the other ${productCount - publishedCount} are unpublished drafts that only a sign-in with “Manage the store” sees.</p>
<ul>
<li><strong>Authorize</strong><code>${escapeHtml(origin)}/oauth2/authorize</code></li>
<li><strong>Token</strong><code>${escapeHtml(origin)}/oauth2/access_token</code></li>
<li><strong>API</strong><code>${escapeHtml(origin)}/api/v1</code></li>
</ul>
<p class="note">Connect to it from Storefront Connect; this page is only here so the address is not a dead end.</p>`,
  );
}

/** The storefront page a product's permalink points at. Names are text; merchant HTML is not shown here. */
export function renderProductPage(name: string, cost: string, imagePath: string | undefined): string {
  const image = imagePath === undefined ? '' : `<p><img src="${escapeHtml(imagePath)}" alt="" style="max-width:100%;height:auto"></p>`;
  return layout(name, `<h1>${escapeHtml(name)}</h1>${image}<p><strong>${escapeHtml(cost)}</strong></p>`);
}

/**
 * A store page (shipping, about…) as the store's own site shows it: what relative links in merchant
 * descriptions ("see our shipping page") lead to. Its text only: merchant HTML is not rendered here.
 */
export function renderStorePage(title: string, bodyHtml: string): string {
  const text = bodyHtml.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
  return layout(title, `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p>`);
}
