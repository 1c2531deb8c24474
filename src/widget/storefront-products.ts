/**
 * `<storefront-products>`: a store's products as a grid, for any web page.
 *
 *   <script src="https://app.example/widget.js" defer></script>
 *   <storefront-products api-base="https://api.shop.example" token="…" category="Mugs"
 *     search="" limit="8" columns="4"><a href="https://shop.example/">Our shop</a></storefront-products>
 *
 * Everything it draws lives in its own shadow root; it adds no global besides the custom element
 * registration, and stores nothing (the products it shows are kept in memory for the other widgets of
 * the page that ask the same: one request, products.ts). The token goes in the Authorization header only.
 * The element's own content (the fallback) shows until the script runs, and again, under a
 * neutral "unavailable" line, when the products cannot be shown; why goes to the console, for the
 * site owner, never to the page's visitors. Its own words are English unless the page gives its
 * own (`text-*` attributes, read as it draws: words.ts); a change to one draws it again.
 */
import { AppError } from '../lib/oauth/errors.ts';
import type { StorefrontCard } from '../lib/providers/types.ts';
import { queryKey, readWidgetOptions, type WidgetOptions } from './options.ts';
import { loadProducts } from './products.ts';
import { errorDetail, isRetryable } from './messages.ts';
import { element, renderGrid, renderLoading, renderMessage, renderUnavailable, setColumns } from './render.ts';
import { wordOf } from './words.ts';
import WIDGET_CSS from './styles.css?inline';

export const WIDGET_TAG = 'storefront-products';

/** One constructed sheet per document, shared by every instance (module scope, not a global). */
let sharedSheet: CSSStyleSheet | undefined;

function adoptStyles(root: ShadowRoot): void {
  try {
    // Without constructable sheets (the constructor or replaceSync missing) this throws: the <style>
    // below. Browsers that have them have adoptedStyleSheets too (they came together: Chrome 73,
    // Firefox 101, Safari 16.4).
    if (!sharedSheet) {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(WIDGET_CSS);
      sharedSheet = sheet;
    }
    root.adoptedStyleSheets = [sharedSheet];
  } catch {
    // (and a sheet from another document, an iframe's, cannot be adopted)
    root.append(element(root, 'style', '', WIDGET_CSS));
  }
}

export class StorefrontProducts extends HTMLElement {
  readonly #container: HTMLDivElement;
  /** The options of the last load started (none: nothing loaded, the attributes are unusable, or a word changed: draw again). */
  #current: WidgetOptions | null | undefined;
  #controller: AbortController | undefined;
  #scheduled: boolean | undefined;
  /** What is wrong with the attributes, as shown (none: not shown, or a word changed: say it again). */
  #problem: string | null | undefined;

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    adoptStyles(root);
    this.#container = element(this, 'div', 'sc');
    // Focusable from script only (after Try again); `all: initial` draws no ring around the whole widget.
    this.#container.tabIndex = -1;
    root.append(this.#container);
    // Any attribute changed: read them again (#update); a word changed: draw again, in the new words
    // (#load: with the products it has, no new request). Not observedAttributes: its list of names,
    // the words' too, costs widget.js more than this.
    new MutationObserver((changes) => {
      for (const { attributeName } of changes) if (/^text-/.test(attributeName!)) this.#current = this.#problem = null;
      this.#schedule();
    }).observe(this, { attributes: true });
  }

  connectedCallback(): void {
    this.#schedule();
  }

  disconnectedCallback(): void {
    // A load under way ends (its request too, unless another widget shares it), and starts again when the
    // element is put back. Products shown stay: a host page that moves the element (a tab, a carousel, a
    // framework's re-render) shows them on, no new request.
    if (this.#container.hasAttribute('aria-busy')) {
      this.#controller?.abort();
      this.#current = null;
    }
  }

  /** Several attributes set in a row cause one update. */
  #schedule(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    queueMicrotask(() => {
      this.#scheduled = false;
      if (this.isConnected) this.#update();
    });
  }

  #update(): void {
    const result = readWidgetOptions((name) => this.getAttribute(name));
    if (!result.ok) {
      // the problem shown already (an attribute changed that does not mend it): nothing new to say
      if (result.problem !== this.#problem) {
        this.#controller?.abort();
        this.#current = null;
        this.#fail((this.#problem = result.problem));
      }
      return;
    }
    this.#problem = null;
    const options = result.options;
    if (this.#current && queryKey(this.#current) === queryKey(options)) {
      // Only the layout changed: no new request.
      this.#current = options;
      // (one grid at a time: the placeholder cards', or the products')
      const grid = this.#container.querySelector<HTMLElement>('.grid');
      if (grid) setColumns(grid, options.columns);
      return;
    }
    void this.#load(options);
  }

  async #load(options: WidgetOptions): Promise<void> {
    const controller = new AbortController();
    // One request for every widget of the page that asks the same (products.ts), ended at its
    // deadline: a store (or a host page's fetch) that never answers ends in the unavailable line.
    // Asked before the last load lets go of its own: the same products asked again (a word
    // changed while they load) keep their request. A failure is the value: the error.
    const loaded: Promise<StorefrontCard[] | unknown> = loadProducts(options, controller.signal).catch((error: unknown) => error);
    this.#controller?.abort();
    this.#controller = controller;
    this.#current = options;
    this.#show(...renderLoading(this, options.columns));
    this.#container.setAttribute('aria-busy', 'true');
    const products = await loaded;
    if (controller.signal.aborted) return;
    if (!Array.isArray(products)) {
      const code = products instanceof AppError ? products.code : 'API_NETWORK_ERROR';
      this.#fail(errorDetail(code), isRetryable(code));
      return;
    }
    const columns = (this.#current ?? options).columns;
    if (!products.length) {
      const filtered = options.search || options.category;
      this.#show(renderMessage(this, filtered ? wordOf(this, 'text-no-match', 'No products match.') : wordOf(this, 'text-empty', 'There are no products to show yet.')));
      return;
    }
    this.#show(renderGrid(this, products, columns, this.#label(options), this.#locale()));
  }

  /**
   * The list cannot be shown: why, for the site owner, to the console (never the page); the neutral
   * line on the page, with Try again where trying again could help.
   */
  #fail(detail: string, retryable?: boolean): void {
    console.warn(`<${WIDGET_TAG}>: ${detail}`);
    const content = renderUnavailable(this);
    if (retryable) {
      const retry = element(this, 'button', 'retry', wordOf(this, 'text-try-again', 'Try again'));
      // no type="button": a button in a shadow root has no form owner, so it submits no form of the host page
      retry.onclick = () => {
        this.#current = null;
        this.#schedule();
        // The button goes with the message: focus stays in the widget (Tab goes on to its products), not back at the page's top.
        this.#container.focus();
      };
      content[0].append(' ', retry);
    }
    this.#show(...content);
  }

  /** What the widget shows; the loading state is busy until the next thing shown (#load). */
  #show(...content: Node[]): void {
    this.#container.replaceChildren(...content);
    this.#container.removeAttribute('aria-busy');
  }

  #label({ category, search }: WidgetOptions): string {
    return wordOf(this, 'text-list', `Products${category ? ` in ${category}` : ''}${search ? ` matching “${search}”` : ''}`);
  }

  /** The page's language where the element sits, for prices; a malformed one (`en_US`) is left out: the browser's then. */
  #locale(): string | undefined {
    // (an element found by [lang] has the attribute: a string, or undefined where none is found)
    const lang = this.closest('[lang]')?.getAttribute('lang') as string | undefined;
    try {
      // none (undefined) gives no locale; an empty or malformed one throws
      return Intl.getCanonicalLocales(lang)[0];
    } catch {
      return undefined;
    }
  }
}

/** Registers the element once; a second copy of the script (another URL, another version) is a no-op. */
export function defineStorefrontProducts(registry: CustomElementRegistry = customElements): void {
  if (!registry.get(WIDGET_TAG)) registry.define(WIDGET_TAG, StorefrontProducts);
}
