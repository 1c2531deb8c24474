/** FlickRocket's own HTML: the consent page and the error page (no script, nothing external). */
import { renderConsentForm } from '../../demo-store/html-pages.ts';
import { escapeHtml } from '../../demo-store/http-utils.ts';

const STYLE = `
  :root { color-scheme: light dark; --bg: #eef1f5; --card: #fff; --ink: #1b2430; --muted: #5a6675; --brand: #d2461e; --line: #d5dbe3; }
  @media (prefers-color-scheme: dark) { :root { --bg: #12161c; --card: #1c222b; --ink: #eef1f5; --muted: #a6b0bd; --brand: #ff8a5c; --line: #323b47; } }
  * { box-sizing: border-box; }
  body { margin: 0; min-height: 100vh; display: grid; place-items: center; padding: 1.5rem; background: var(--bg);
    color: var(--ink); font: 1rem/1.5 system-ui, sans-serif; }
  main { width: min(32rem, 100%); background: var(--card); border: 1px solid var(--line); border-radius: 0.75rem; padding: 2rem; }
  h1 { font-size: 1.35rem; margin: 0 0 1rem; }
  ul { padding: 0; list-style: none; margin: 0 0 1.5rem; }
  li { padding: 0.6rem 0; border-top: 1px solid var(--line); }
  li strong { display: block; }
  .note { color: var(--muted); font-size: 0.9rem; }
  .actions { display: flex; flex-wrap: wrap; gap: 0.75rem; justify-content: flex-end; }
  button { font: inherit; font-weight: 600; padding: 0.6rem 1.3rem; border-radius: 0.5rem; border: 2px solid var(--brand); cursor: pointer; }
  button[value="allow"] { background: var(--brand); color: #fff; }
  button[value="deny"] { background: transparent; color: var(--ink); }
  code { overflow-wrap: anywhere; }
  /* A phone: the card's margins and padding narrower, so its words keep the room. */
  @media (max-width: 30rem) { body { padding: 1rem; } main { padding: 1.25rem; } }
`;

/** Scope words from the FlickRocket authorization guide (seed 000). */
export const SCOPE_DESCRIPTIONS: Readonly<Record<string, string>> = {
  products: 'The application can get, modify, create and delete products and categories.',
  customers: 'The application can get, modify, create and delete customers.',
  orders: 'The application can get, modify and create orders.',
  themes: 'The application can get, modify, create and delete themes.',
  files: 'The application can get and create content files.',
  companies: 'The application can get, modify, create and delete company data (own and associated).',
  statistics: 'The application can get company/shop statistics.',
  webhooks: 'The application can get, modify, create, delete and use webhooks.',
};

function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body><main>
<p class="note">FlickRocket (local test server)</p>
${body}
</main></body>
</html>
`;
}

export function renderConsentPage(input: { clientName: string; scopes: string[]; redirectOrigin: string; hidden: Record<string, string> }): string {
  const app = escapeHtml(input.clientName);
  const items = input.scopes
    .map((s) => `<li><strong>${escapeHtml(s)}</strong>${escapeHtml(SCOPE_DESCRIPTIONS[s] ?? '')}</li>`)
    .join('\n');
  return layout(
    `Allow ${input.clientName} to access your FlickRocket shop?`,
    `<h1 id="consent-title">Allow <span class="app">${app}</span> to access your FlickRocket shop?</h1>
<p id="scopes-label">${app} is asking for:</p>
<ul aria-labelledby="scopes-label">
${items}
</ul>
<p class="note">You will be sent back to <code>${escapeHtml(input.redirectOrigin)}</code>. To take this permission back later, remove the app under Extensions › Manage Apps.</p>
${renderConsentForm('/oauth2/auth', input.hidden)}`,
  );
}

export function renderErrorPage(title: string, message: string): string {
  return layout(title, `<h1>${escapeHtml(title)}</h1>\n<p role="alert">${escapeHtml(message)}</p>`);
}

/**
 * The shop's address itself (the demo's README names it): a page saying what this server is and
 * how to connect, so the address is not a dead end. FlickRocket's real admin shows a sign-in there.
 */
export function renderHomePage(origin: string): string {
  const at = escapeHtml(origin);
  return layout(
    'FlickRocket Demo Shop',
    `<h1>FlickRocket Demo Shop</h1>
<p>A local stand-in for a FlickRocket shop: its consent page, token endpoint and API, with generated products and orders.</p>
<ul>
<li><strong>Consent page</strong><code>${at}/oauth2/auth</code></li>
<li><strong>Token</strong><code>${at}/token</code></li>
<li><strong>API</strong><code>${at}/api/</code></li>
</ul>
<p class="note">Connect to it from Storefront Connect: press Connect beside FlickRocket Demo Shop, then Allow on the consent page. There are no credentials to copy.</p>`,
  );
}
