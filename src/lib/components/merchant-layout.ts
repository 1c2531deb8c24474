/**
 * Merchant HTML (already sanitized) fitted into the screen's own structure, on the live DOM SafeHtml
 * draws. Nothing here adds anything a merchant wrote: it renames headings and wraps tables.
 * - {@link demoteHeadings}: a merchant's `<h1>` under the screen's own `<h1>` made a second
 *   level-1 heading for screen readers (and an `<h2>` under a product's "Description" `<h2>` a
 *   sibling of it): the merchant's headings move below the heading they sit under, in their order.
 * - {@link dropRepeatedTitle}: a store page whose HTML opens with its own title as a heading showed
 *   it twice, one under the other ("Shipping", then "Shipping"): that first heading is not drawn.
 * - {@link scrollWideTables}: a table wider than the column scrolls sideways in its own box, which
 *   the keyboard can reach and scroll (a named, focusable region), instead of being squeezed.
 * @see https://www.w3.org/WAI/tutorials/page-structure/headings/
 * @see https://dequeuniversity.com/rules/axe/4.10/scrollable-region-focusable
 * @see https://adrianroselli.com/2020/11/under-engineered-responsive-tables.html
 */

/** Words as read: runs of white space as one space, no case. */
const asRead = (words: string) => words.replace(/\s+/g, ' ').trim().toLocaleLowerCase();

/**
 * Takes out the merchant's first heading when it opens the HTML in `root` (nothing but white space
 * before it) and says `title`, the words of the screen's own heading: the same words twice, one
 * under the other. A heading further down, or with other words, stays.
 */
export function dropRepeatedTitle(root: ParentNode, title: string): void {
  const first = [...root.childNodes].find((node) => node.nodeType !== Node.TEXT_NODE || node.textContent?.trim());
  if (!(first instanceof Element) || !/^h[1-6]$/.test(first.localName)) return;
  if (asRead(first.textContent ?? '') === asRead(title) && asRead(title) !== '') first.remove();
}

/** Heading levels are 1 to 6; a heading that would go deeper stays at 6. */
const DEEPEST = 6;

/**
 * Renames the merchant's headings in `root` so the highest of them sits one level under `underLevel`
 * (the level of the screen's heading the HTML sits under), each moved by the same amount so their
 * order stays; none deeper than h6. Headings already under it are kept. Each keeps the level the
 * merchant wrote in `data-level`, which SafeHtml sizes it by (the look stays as it was written).
 */
export function demoteHeadings(root: ParentNode, underLevel: number): void {
  const headings = [...root.querySelectorAll<HTMLHeadingElement>('h1, h2, h3, h4, h5, h6')];
  if (headings.length === 0) return;
  const levelOf = (heading: Element) => Number(heading.localName.slice(1));
  const highest = Math.min(...headings.map(levelOf));
  const by = Math.max(0, underLevel + 1 - highest);
  for (const heading of headings) {
    const written = levelOf(heading);
    const level = Math.min(DEEPEST, written + by);
    const moved = level === written ? heading : renamed(heading, `h${level}`);
    moved.dataset.level = String(written);
  }
}

/** `element` as another tag: its attributes (those the sanitizer kept) and its children moved over. */
function renamed(element: HTMLElement, tag: string): HTMLElement {
  const replacement = element.ownerDocument.createElement(tag);
  for (const { name, value } of element.attributes) replacement.setAttribute(name, value);
  replacement.append(...element.childNodes);
  element.replaceWith(replacement);
  return replacement;
}

/** The class SafeHtml styles a table's scrolling box by. */
export const TABLE_BOX = 'table-box';

/**
 * Wraps every table in `root` in a box that scrolls sideways (SafeHtml's styles). While a table is
 * wider than its box, the box is a region named after the table (tableName) that the Tab key
 * reaches, so arrow keys scroll it; while it fits, it is a plain box and no extra tab stop.
 * Returns a function that stops watching the boxes' widths.
 */
export function scrollWideTables(root: ParentNode): () => void {
  const boxes = [...root.querySelectorAll('table')].map((table) => {
    const name = tableName(table, root);
    const box = table.ownerDocument.createElement('div');
    box.className = TABLE_BOX;
    table.replaceWith(box);
    box.append(table);
    return { box, name };
  });
  if (boxes.length === 0) return () => {};
  // Without ResizeObserver (no layout to measure), every box is reachable: never one out of reach.
  if (typeof ResizeObserver === 'undefined') {
    for (const { box, name } of boxes) reachable(box, name, true);
    return () => {};
  }
  const observer = new ResizeObserver(() => boxes.forEach(({ box, name }) => reachable(box, name, box.scrollWidth > box.clientWidth)));
  for (const { box } of boxes) {
    observer.observe(box);
    observer.observe(box.firstElementChild!);
  }
  return () => observer.disconnect();
}

/** Header cells named in a table's name at most; more are said as "…". */
const NAMED_HEADERS = 3;

/**
 * What a table's scrolling region is called: its caption; else the merchant's heading nearest before
 * it ("Sizes, table"); else its first row's header cells ("Table of Size, Chest, Length"); else
 * "Table, scrolls sideways". Only the merchant's HTML in `root` is looked at: the screen's own
 * heading ("Description") would name every table alike.
 */
export function tableName(table: HTMLTableElement, root: ParentNode): string {
  const text = (node: Node | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  const caption = text(table.caption);
  if (caption) return caption;
  const before = [...root.querySelectorAll('h1, h2, h3, h4, h5, h6')].filter((heading) => heading.compareDocumentPosition(table) & Node.DOCUMENT_POSITION_FOLLOWING);
  const heading = text(before.at(-1));
  if (heading) return `${heading}, table`;
  const headers = [...(table.rows[0]?.cells ?? [])].filter((cell) => cell.localName === 'th').map(text).filter(Boolean);
  if (headers.length > 0) return `Table of ${headers.slice(0, NAMED_HEADERS).join(', ')}${headers.length > NAMED_HEADERS ? ', …' : ''}`;
  return 'Table, scrolls sideways';
}

function reachable(box: HTMLElement, name: string, scrolls: boolean): void {
  if (!scrolls) {
    for (const attribute of ['role', 'tabindex', 'aria-label']) box.removeAttribute(attribute);
    return;
  }
  box.setAttribute('role', 'region');
  box.setAttribute('aria-label', name);
  box.tabIndex = 0;
}
