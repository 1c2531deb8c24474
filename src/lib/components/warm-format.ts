/**
 * Makes the page's first Intl.NumberFormat ahead of the first prices: the first one loads the
 * locale's data (15-65 ms here; later ones, any currency, the prices' own included, cost almost
 * nothing). Made while a catalogue's first products are on their way, in a task of its own: by the
 * boot for a returning visitor's catalogue (returning-catalogue.ts), and by the catalogue when it
 * mounts (CatalogView.svelte). Its own module, with no import: the boot carries these few bytes, not the
 * price formatting (format.ts), which the store screen's chunk holds.
 */
export function warmPriceFormat(): void {
  new Intl.NumberFormat(undefined, { style: 'currency', currency: 'USD' }).format(0);
}
