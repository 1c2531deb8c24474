/**
 * A Save or an Add that would make a product free asks first, at the price field (freePriceNote in
 * product-form.ts): a 0 typed by mistake, or a price cleared to 0, was saved at one press and the
 * product given away. The first press with a price of 0 stops and asks; the next one, the price
 * still 0, goes. A price typed since that is not 0 ends the question, and a 0 typed again asks again.
 * Made while a component starts (its effect goes with it).
 */
export class FreePriceAsk {
  #asked = $state(false);
  readonly #free: () => boolean;

  /** `free`: what would be saved sets the price to 0. */
  constructor(free: () => boolean) {
    this.#free = free;
    $effect(() => {
      if (!free()) this.#asked = false;
    });
  }

  /** Asked, and the price still 0: the question stands at the field. */
  get asking(): boolean {
    return this.#asked && this.#free();
  }

  /** Save (or Add) pressed: true when it stops to ask (the first press with 0), false when it goes on. */
  stops(): boolean {
    if (!this.#free() || this.#asked) return false;
    this.#asked = true;
    return true;
  }
}
