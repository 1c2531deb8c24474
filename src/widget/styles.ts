/**
 * The widget's stylesheet, adopted by its shadow root as a constructed CSSStyleSheet (not a
 * <style> element), so a host page whose CSP has no 'unsafe-inline' still styles it.
 *
 * Defence against the host page's CSS, which reaches a shadow tree in only three ways:
 * 1. Rules on the host element itself (`* {...}`, `storefront-products {...}`, its ::before and
 *    ::after): `:host` rules marked !important win over the page's !important ones (the cascade
 *    reverses for important declarations across shadow boundaries), so the box properties that
 *    would break the layout are pinned there, width and height included: the widget fills its
 *    container, and a page sizes it through that container (or max-width and margins, left free).
 * 2. Inheritance (color, font, line-height, letter-spacing...): `.sc` resets every property to
 *    its initial value with `all: initial`, then sets its own. `all` leaves custom properties
 *    alone, which is why the theme passes through.
 * 3. `::part()`: no part is exposed. `rem` would follow the page's root font size, so none is used.
 *
 * Theme (CSS custom properties, set on the element or any ancestor):
 *   --sc-accent      links, prices, focus ring        (#0b57d0)
 *   --sc-fg          text                             (#1b1f24)
 *   --sc-muted       secondary text                   (#5b6570)
 *   --sc-bg          widget background                (transparent)
 *   --sc-card-bg     card and message background      (#ffffff)
 *   --sc-border      card borders                     (#d8dde3)
 *   --sc-radius      card corner radius               (8px)
 *   --sc-gap         space between cards              (16px)
 *   --sc-font        font family                      (system-ui stack)
 *   --sc-font-size   base font size                   (16px)
 *   --sc-card-min    narrowest card when `columns` is not set (180px)
 *   --sc-columns     set from the `columns` attribute (at most that many columns)
 */
export const WIDGET_CSS = `
:host {
  display: block !important;
  visibility: visible !important;
  opacity: 1 !important;
  transform: none !important;
  filter: none !important;
  clip-path: none !important;
  zoom: 1 !important;
  float: none !important;
  box-sizing: border-box !important;
  width: auto !important;
  height: auto !important;
  min-width: 0 !important;
  min-height: 0 !important;
  max-height: none !important;
  overflow: visible !important;
  contain: content;
}
:host::before, :host::after { content: none !important; display: none !important; }
:host([hidden]) { display: none !important; }
.sc {
  all: initial;
  display: block;
  box-sizing: border-box;
  font-family: var(--sc-font, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif);
  font-size: var(--sc-font-size, 16px);
  line-height: 1.4;
  color: var(--sc-fg, #1b1f24);
  background: var(--sc-bg, transparent);
  text-align: start;
  -webkit-text-size-adjust: 100%;
  text-size-adjust: 100%;
}
.sc *, .sc *::before, .sc *::after { box-sizing: border-box; }
.grid {
  display: grid;
  grid-template-columns: repeat(auto-fill, minmax(min(100%, var(--sc-card-min, 180px)), 1fr));
  gap: var(--sc-gap, 16px);
  list-style: none;
  margin: 0;
  padding: 0;
}
/* columns="N": N equal columns where they fit, fewer on a narrow screen (cards stay >= 140px). */
.grid.cols {
  grid-template-columns: repeat(auto-fill, minmax(max(min(100%, 140px), calc((100% - (var(--sc-columns, 3) - 1) * var(--sc-gap, 16px)) / var(--sc-columns, 3) - 0.1px)), 1fr));
}
.card {
  position: relative;
  display: flex;
  flex-direction: column;
  min-width: 0;
  margin: 0;
  background: var(--sc-card-bg, #fff);
  border: 1px solid var(--sc-border, #d8dde3);
  border-radius: var(--sc-radius, 8px);
  overflow: hidden;
}
/* Every picture square, whatever its own shape (overflow: hidden also stops the image's height
   from stretching the box through the automatic minimum size of aspect-ratio boxes). */
.media { position: relative; display: block; aspect-ratio: 1 / 1; overflow: hidden; background: var(--sc-border, #d8dde3); }
.media.none { display: flex; align-items: center; justify-content: center; background: var(--sc-card-bg, #fff);
  background-image: repeating-linear-gradient(45deg, transparent 0 10px, color-mix(in srgb, var(--sc-border, #d8dde3) 45%, transparent) 10px 11px);
  border-bottom: 1px solid var(--sc-border, #d8dde3); }
.none-label { color: var(--sc-muted, #5b6570); font-size: 0.8125em; }
.media img { position: absolute; inset: 0; display: block; width: 100%; height: 100%; object-fit: cover; }
.body { display: flex; flex-direction: column; gap: 4px; padding: 10px 12px 12px; }
.name { margin: 0; font-size: 1em; font-weight: 600; overflow-wrap: anywhere; }
.name a { color: inherit; text-decoration: none; }
.name a::after { content: ""; position: absolute; inset: 0; }
.card:hover .name a { color: var(--sc-accent, #0b57d0); text-decoration: underline; }
.name a:focus-visible { outline: none; }
.name a:focus-visible::after { outline: 3px solid var(--sc-accent, #0b57d0); outline-offset: -3px; border-radius: var(--sc-radius, 8px); }
.price { margin: 0; color: var(--sc-accent, #0b57d0); font-weight: 600; }
.was { margin-inline-start: 6px; color: var(--sc-muted, #5b6570); font-weight: 400; }
.note { margin: 0; color: var(--sc-muted, #5b6570); font-size: 0.875em; }
.msg {
  margin: 0;
  padding: 16px;
  background: var(--sc-card-bg, #fff);
  border: 1px dashed var(--sc-border, #d8dde3);
  border-radius: var(--sc-radius, 8px);
  color: var(--sc-muted, #5b6570);
}
.msg.error { border-style: solid; }
.fallback { margin-top: 8px; }
.retry {
  font: inherit;
  margin-inline-start: 4px;
  padding: 4px 12px;
  min-height: 32px;
  color: #fff;
  background: var(--sc-accent, #0b57d0);
  border: 0;
  border-radius: var(--sc-radius, 8px);
  cursor: pointer;
}
.retry:focus-visible { outline: 3px solid var(--sc-accent, #0b57d0); outline-offset: 2px; }
.skeleton .media, .skeleton .line { background: var(--sc-border, #d8dde3); animation: pulse 1.2s ease-in-out infinite alternate; }
.skeleton .line { height: 0.9em; border-radius: 4px; width: 70%; }
.skeleton .line + .line { width: 40%; }
@keyframes pulse { from { opacity: 1; } to { opacity: 0.45; } }
@media (prefers-reduced-motion: reduce) { .skeleton .media, .skeleton .line { animation: none; } }
.sr {
  position: absolute;
  width: 1px;
  height: 1px;
  margin: -1px;
  padding: 0;
  border: 0;
  overflow: hidden;
  clip-path: inset(50%);
  white-space: nowrap;
}
`;
