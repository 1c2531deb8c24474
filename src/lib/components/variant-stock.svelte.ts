/**
 * Each variant's own stock in the editor of a product sold in variants (a Shopware parent in sizes):
 * the variants as the product's page read them (ProductVariants.svelte: one search for both), the figure typed for each, what is wrong with one, and the save of those changed,
 * one request per variant (as Shopware's Administration saves its variant list's inline edit). Saved
 * with the product's Save (ProductEditor); VariantStockFields.svelte draws it.
 */
import { MOST_STOCK, type ProductVariant, type ProductVariants, type VariantStockSaved } from '../domain/catalog.ts';
import { VariantConflictError } from '../domain/conflict.ts';
import { SaveRefusedError } from '../domain/refusal.ts';
import { HttpError } from '../oauth/http-errors.ts';
import { explain } from './messages.ts';

/** What this needs of the store's API (StoreApi's call). */
export interface VariantStockApi {
  updateVariantStock(id: string, stock: number, lastSeenUpdated: string, signal?: AbortSignal): Promise<VariantStockSaved>;
}

/** A product's variants as its page reads them: null while read; `failed` when the read failed. */
export interface VariantsRead {
  read: ProductVariants | null;
  failed: boolean;
}

/** What an unsaved edit keeps of the variants: by variant id, the figure typed and the `updated` it was typed over. */
export type KeptVariantStock = Record<string, { typed: string; over: string }>;

/**
 * A typed stock: its count or why it has none. Shopware's `stock` is a 32-bit signed int without
 * another minimum (oversold: below 0); a figure past either end came back as a server error.
 */
export function readVariantStock(typed: string): { count: number } | { problem: 'empty' | 'unreadable' | 'large' | 'small' } {
  const text = typed
    .normalize('NFKC')
    .replace(/[\u0660-\u0669\u06f0-\u06f9]/g, (digit) => String(digit.charCodeAt(0) & 0xf))
    .replace(/\u2212/g, '-')
    .replace(/\s/g, '');
  if (text === '') return { problem: 'empty' };
  if (!/^[-+]?\d+$/.test(text)) return { problem: 'unreadable' };
  const count = Number(text);
  if (count > MOST_STOCK) return { problem: 'large' };
  if (count < -MOST_STOCK - 1) return { problem: 'small' };
  return { count: count === 0 ? 0 : count };
}

/** The words beside a variant's field ('' when it reads). */
export function variantStockProblem(typed: string): string {
  const reading = readVariantStock(typed);
  if ('count' in reading) return '';
  if (reading.problem === 'large') return 'Enter a stock of 2,147,483,647 or less.';
  if (reading.problem === 'small') return 'Enter a stock of -2,147,483,648 or more.';
  return reading.problem === 'empty' ? 'Enter the stock: a whole number, such as 12.' : 'Stock is a whole number, such as 12 (no decimals or separators).';
}

/** A variant as its field names it: its options ("2.5 kg / Charlotte"), else its name. */
export function variantLabel(variant: Pick<ProductVariant, 'options' | 'name'>): string {
  return variant.options.length > 0 ? variant.options.map((o) => o.option).join(' / ') : variant.name;
}

/** Why one variant's save failed, in words for beside its field. */
function failureWords(error: unknown): string {
  if (error instanceof SaveRefusedError) return error.refusal.fields.inventory || error.refusal.summary || 'The store refused this figure.';
  const { title } = explain(error);
  const said = `Not saved: ${title.charAt(0).toLowerCase()}${title.slice(1)}. Your figure is kept`;
  // Refused for the connection's rights: Save goes, and the lock above says what brings it back.
  return error instanceof HttpError && error.status === 403 ? `${said}.` : `${said}; Save again to send it.`;
}

export class VariantStock {
  /** The variants as read (null while reading); their `stock` and `updated` follow each save. */
  #variants = $state<ProductVariant[] | null>(null);
  #loadFailed = $state(false);
  /** The figure in each variant's field, by id. */
  #typed = $state<Record<string, string>>({});
  /** Why a variant's last save failed, by id (gone once it saves or its figure is back to the store's). */
  #failures = $state<Record<string, string>>({});
  /** The `updated` each figure was typed over: a restored draft's, else the read's; a save checks the store's is still it. */
  #over: Record<string, string> = {};
  /** A kept edit to lay over the variants once they are read. */
  #pending: KeptVariantStock | undefined;
  readonly #api: () => VariantStockApi;

  constructor(api: () => VariantStockApi) {
    this.#api = api;
  }

  /** The variants whose stock is edited here (null while read). */
  get variants(): readonly ProductVariant[] | null {
    return this.#variants;
  }

  /** The variants could not be read. */
  get loadFailed(): boolean {
    return this.#loadFailed;
  }

  /** The figure in a variant's field. */
  typedFor(id: string): string {
    return this.#typed[id] ?? '';
  }

  /** A figure typed in a variant's field. */
  type(id: string, figure: string): void {
    this.#typed[id] = figure;
  }

  /** Why a variant's last save failed ('' when it did not). */
  failure(id: string): string {
    return this.#failures[id] ?? '';
  }

  /**
   * The variants as the page read them (null while it reads; `failed`: it could not). Read again (a
   * saved price, Try again, a save here), each figure typed and not saved stays over its variant;
   * the others show the store's count now.
   */
  take(read: ProductVariants | null, failed: boolean): void {
    this.#loadFailed = failed;
    if (read === null) return;
    const edited = this.kept() ?? {};
    const editable = read.variants.filter((v) => v.stock !== undefined).map((v) => ({ ...v }));
    const typed: Record<string, string> = {};
    for (const v of editable) {
      const mine = edited[v.id];
      typed[v.id] = mine ? mine.typed : String(v.stock);
      this.#over[v.id] = mine ? mine.over : (v.updated ?? '');
    }
    this.#variants = editable;
    this.#typed = typed;
    if (this.#pending) this.restore(this.#pending);
  }

  /** An unsaved edit put back (a reload, a reconnect): each figure over the variant it was typed for. */
  restore(kept: KeptVariantStock): void {
    if (this.#variants === null) {
      this.#pending = kept;
      return;
    }
    this.#pending = undefined;
    for (const v of this.#variants) {
      const one = kept[v.id];
      if (!one) continue;
      this.#typed[v.id] = one.typed;
      this.#over[v.id] = one.over;
    }
  }

  #stored(id: string): string {
    const stock = this.#variants?.find((v) => v.id === id)?.stock;
    return stock === undefined ? '' : String(stock);
  }

  problem(id: string): string {
    return variantStockProblem(this.#typed[id] ?? '');
  }

  /** Some figure differs from the store's. */
  get dirty(): boolean {
    return (this.#variants ?? []).some((v) => (this.#typed[v.id] ?? '') !== this.#stored(v.id));
  }

  get invalid(): boolean {
    return (this.#variants ?? []).some((v) => this.problem(v.id) !== '');
  }

  /** The counts to send: each variant whose figure reads and differs from the store's. */
  get changes(): { id: string; stock: number }[] {
    return (this.#variants ?? []).flatMap((v) => {
      const reading = readVariantStock(this.#typed[v.id] ?? '');
      return 'count' in reading && reading.count !== v.stock ? [{ id: v.id, stock: reading.count }] : [];
    });
  }

  /** What an unsaved edit keeps (undefined when nothing differs). */
  kept(): KeptVariantStock | undefined {
    const kept: KeptVariantStock = {};
    for (const v of this.#variants ?? []) {
      const typed = this.#typed[v.id] ?? '';
      if (typed !== this.#stored(v.id)) kept[v.id] = { typed, over: this.#over[v.id] ?? '' };
    }
    return Object.keys(kept).length > 0 ? kept : undefined;
  }

  /** Every figure back to the store's. */
  discard(): void {
    for (const v of this.#variants ?? []) {
      this.#typed[v.id] = this.#stored(v.id);
      this.#over[v.id] = v.updated ?? '';
    }
    this.#failures = {};
  }

  /**
   * Sends each changed figure (side by side). A saved one takes the store's count; a failed one keeps
   * what was typed with why beside it; one changed at the store since is not written: its new count
   * becomes the one compared, and Save again puts the typed figure over it. Gives the labels of those
   * that failed.
   */
  async save(): Promise<string[]> {
    const sent = this.changes.map((change) => ({ ...change, typed: this.#typed[change.id] ?? '', over: this.#over[change.id] ?? '' }));
    const outcomes = await Promise.all(
      sent.map((change) =>
        this.#api()
          .updateVariantStock(change.id, change.stock, change.over)
          .then(
            (saved) => ({ change, saved, error: undefined }),
            (error: unknown) => ({ change, saved: undefined, error }),
          ),
      ),
    );
    const failed: string[] = [];
    for (const { change, saved, error } of outcomes) {
      const variant = this.#variants?.find((v) => v.id === change.id);
      if (!variant) continue;
      // A save whose answer was lost but that reached the store: found there as sent, it is saved.
      const found = error instanceof VariantConflictError && error.current.stock === change.stock ? error.current : undefined;
      const now = saved ?? found;
      if (now) {
        variant.stock = now.stock;
        if (now.updated !== undefined) variant.updated = now.updated;
        this.#over[change.id] = now.updated ?? '';
        if (this.#typed[change.id] === change.typed) this.#typed[change.id] = String(now.stock);
        delete this.#failures[change.id];
        continue;
      }
      if (error instanceof VariantConflictError) {
        variant.stock = error.current.stock;
        if (error.current.updated !== undefined) variant.updated = error.current.updated;
        this.#over[change.id] = error.current.updated ?? '';
        this.#failures[change.id] = `Changed in the store since you opened it: it has ${error.current.stock} there now. Save again to put yours in its place.`;
      } else {
        this.#failures[change.id] = failureWords(error);
      }
      failed.push(variantLabel(variant));
    }
    return failed;
  }
}
