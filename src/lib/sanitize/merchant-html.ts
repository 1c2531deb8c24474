/**
 * Merchant-written HTML (product descriptions, store pages) made safe to show, as nodes: the page
 * enforces Trusted Types (docs/security.md), and no HTML string of ours goes into it; DOMPurify
 * parses the merchant's with DOMParser, through its own policy 'dompurify', in a document of its own
 * where nothing loads or runs, and hands back the cleaned nodes (never serialized and parsed again).
 * One DOMPurify instance of our own (so hooks never leak into anyone else's), configured once on
 * first use with an allowlist of plain formatting tags and two hooks:
 * - URL attributes (`href`, `src`) keep only absolute http(s) URLs, normalised by toHttpUrl; a
 *   relative one ("/shipping") is first resolved against the store's own address when the caller
 *   gives one (it means the store's page, not ours); anything else (javascript:, data:, obfuscated,
 *   relative with no base) is removed, and a link left without an address becomes plain text;
 * - every link opens a new tab without `window.opener` or a Referer, every image loads lazily
 *   without a Referer.
 * @see https://github.com/cure53/DOMPurify#can-i-configure-dompurify
 * @see https://cheatsheetseries.owasp.org/cheatsheets/Cross_Site_Scripting_Prevention_Cheat_Sheet.html
 */
import createDOMPurify, { type Config, type DOMPurify } from 'dompurify';
import { toHttpUrl } from './safe-url.ts';

/** Text structure, emphasis, lists, tables, links and images. No forms, media, frames, SVG or MathML. */
const ALLOWED_TAGS = [
  'a', 'abbr', 'b', 'blockquote', 'br', 'caption', 'code', 'dd', 'del', 'div', 'dl', 'dt', 'em',
  'figcaption', 'figure', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'i', 'img', 'ins', 'kbd', 'li',
  'mark', 'ol', 'p', 'pre', 'q', 's', 'small', 'span', 'strong', 'sub', 'sup', 'table', 'tbody',
  'td', 'tfoot', 'th', 'thead', 'time', 'tr', 'u', 'ul',
];

/** No `style`, `class`, `id`, `name`, event handlers, data-* or aria-* from merchants. */
const ALLOWED_ATTR = [
  'href', 'src', 'alt', 'title', 'width', 'height', 'colspan', 'rowspan', 'scope', 'lang', 'dir',
  'start', 'reversed', 'datetime',
];

/** Listed although the allowlist already excludes them, so a future widening cannot let them in. */
const FORBID_TAGS = [
  'script', 'style', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'form', 'input',
  'button', 'select', 'textarea', 'svg', 'math', 'base', 'meta', 'link', 'template', 'noscript',
  'video', 'audio', 'source', 'portal',
];

const URL_ATTRIBUTES = new Set(['href', 'src']);

/** The allowed attributes that are not URLs, exempted from ALLOWED_URI_REGEXP (which DOMPurify applies to every other attribute). */
const NON_URL_ATTR = ALLOWED_ATTR.filter((name) => !URL_ATTRIBUTES.has(name));

const CONFIG: Config = {
  ALLOWED_TAGS,
  ALLOWED_ATTR,
  FORBID_TAGS,
  FORBID_ATTR: ['style', 'srcset', 'action', 'formaction', 'xlink:href', 'ping', 'background', 'poster'],
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  ALLOW_UNKNOWN_PROTOCOLS: false,
  // Belt and braces behind the hook, which has already rewritten kept URLs to absolute http(s).
  ALLOWED_URI_REGEXP: /^https?:\/\//i,
  ADD_URI_SAFE_ATTR: NON_URL_ATTR,
  WHOLE_DOCUMENT: false,
  RETURN_DOM_FRAGMENT: true,
};

let instance: DOMPurify | undefined;
/** The base for relative URLs during one synchronous sanitize() call. */
let currentBase: string | undefined;

function purifier(): DOMPurify | undefined {
  if (instance) return instance;
  if (typeof window === 'undefined') return undefined;
  const purify = createDOMPurify(window);
  if (!purify.isSupported) return undefined;
  purify.setConfig(CONFIG);

  purify.addHook('uponSanitizeAttribute', (_node, data) => {
    if (!URL_ATTRIBUTES.has(data.attrName)) return;
    const url = toHttpUrl(data.attrValue, currentBase);
    if (url === undefined) data.keepAttr = false;
    else data.attrValue = url;
  });

  purify.addHook('afterSanitizeAttributes', (node) => {
    const tag = node.nodeName.toLowerCase();
    if (tag === 'a') {
      if (!node.hasAttribute('href')) return;
      node.setAttribute('target', '_blank');
      node.setAttribute('rel', 'noopener noreferrer');
    } else if (tag === 'img') {
      node.setAttribute('loading', 'lazy');
      node.setAttribute('referrerpolicy', 'no-referrer');
      node.setAttribute('decoding', 'async');
    }
  });

  instance = purify;
  return purify;
}

/**
 * `html` with everything executable or tracking-prone removed, as nodes ready to insert (SafeHtml).
 * `base`: the store's address relative links are meant against (the product's page on the store,
 * or the store's site); only an http(s) one is used. Fails closed: without a DOM (no `window`) it
 * gives nothing (null).
 */
export function sanitizeMerchantHtml(html: string, base?: string): DocumentFragment | null {
  const purify = purifier();
  if (!purify) return null;
  currentBase = toHttpUrl(base);
  let clean: DocumentFragment | null;
  try {
    clean = typeof html === 'string' && html !== '' ? (purify.sanitize(html) as unknown as DocumentFragment | null) : null;
  } finally {
    currentBase = undefined;
  }
  return withoutDeadAddresses(clean ?? document.createDocumentFragment());
}

/**
 * A link whose address was removed would look like a link and do nothing: keep its text, drop the
 * `<a>`. A picture whose address was removed would show nothing, or a broken picture: its words
 * (alt) as text in its place, or nothing (SafeHtml does the same with a picture that fails to load).
 * Works on the sanitized nodes, still in DOMPurify's document (nothing loads or runs there).
 */
function withoutDeadAddresses(clean: DocumentFragment): DocumentFragment {
  for (const element of clean.querySelectorAll('a:not([href]), img:not([src])')) {
    if (element.localName === 'img') element.replaceWith((element.getAttribute('alt') ?? '').trim());
    else element.replaceWith(...element.childNodes);
  }
  return clean;
}
