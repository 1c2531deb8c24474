import { draftStore, newProductDraftKey, productDraftKey, storeDraftsPrefix, type DraftStore } from '../storage/drafts.ts';
import type { StorageRefusal } from '../storage/storage-full.ts';
import { connectedSinceSignOut, signOutsHeard } from './sign-outs-heard.ts';

/** Why a draft is kept in this tab's memory only: storage refused its write ('full': for want of space). */
export type DraftRefusal = StorageRefusal;

/**
 * A product's unsaved edit, kept so that a reconnect (which leaves the page) loses nothing.
 * Components ask this; only it knows where drafts are stored and under which key.
 * Once a sign-out of its store is heard (in this tab or another), it saves nothing more: the sign-out
 * discarded the store's drafts (auth/sign-out.ts), and a form still open would write its own back for
 * the next person to use this browser (a shared computer). A new connection of the store heard after
 * it (Reconnect, or credentials entered again, in place) starts its saves again: what is typed from
 * then on is kept (it was silently not), while nothing asked for before the sign-out is written.
 * Its writes and discards go one after another, in the order asked: a discard asked for after a
 * save (a product added, an edit saved) is never undone by that save landing after it. A discard
 * takes only what this draft last wrote or read: another tab's typing in the same form, written
 * over it since, stays (a save in one tab deleted the other's unsaved edit). A discard the merchant
 * asked for is told to the other tabs (BroadcastChannel; the message names the draft's key only):
 * an editor there showing that edit, restored and not typed over since, hears it (onDiscardedElsewhere).
 */
/** A draft discarded in a tab: its key. */
interface DiscardMessage {
  discarded: string;
}

const DRAFTS_CHANNEL_NAME = 'storefront-connect:drafts';
let channel: BroadcastChannel | null | undefined;

/** The tab's channel to its other tabs (one: a tab does not hear its own), or null where there is none. */
function draftsChannel(): BroadcastChannel | null {
  if (channel === undefined) {
    channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(DRAFTS_CHANNEL_NAME) : null;
    (channel as { unref?: () => void } | null)?.unref?.();
  }
  return channel;
}

/** The drafts whose last write storage refused (their forms say so): told when {@link saveDraftsAgain} lands them. */
const refusedDrafts = new Set<{ onKept: ((refused: DraftRefusal | null) => void) | undefined }>();

/**
 * Writes again every draft storage refused, kept in this tab's memory only (the person freed space
 * and pressed Try saving again: StorageFullNote.svelte), forms closed since included. Where all of
 * them land, each open form is told (its "kept in this tab only" line goes); else they stay as they
 * are, and the refusal is returned.
 */
export async function saveDraftsAgain(store: DraftStore = draftStore()): Promise<DraftRefusal | void> {
  const refused = await store.saveKept();
  if (refused) return refused;
  for (const draft of refusedDrafts) draft.onKept?.(null);
  refusedDrafts.clear();
}

export class ProductDraft<T> {
  readonly #store: DraftStore;
  readonly #key: string;
  readonly #storeId: string;
  /** The sign-outs of the store heard when this draft could last save: at its opening, or at a new connection since. */
  #outs: number;
  /** The writes and discards asked for, in order. */
  #queue: Promise<unknown> = Promise.resolve();
  /** What this draft last wrote or read, as JSON; undefined: nothing yet. */
  #mine: string | undefined;
  /**
   * Told after each write where the draft is: on the device (null), or in this tab's memory only,
   * storage having refused it (why); and null once it is discarded (nothing left at risk). The form
   * says the second plainly, until a later write lands.
   */
  onKept: ((refused: DraftRefusal | null) => void) | undefined;

  /** `productId` null: the product being added to the store, not created yet. */
  constructor(storeId: string, productId: string | null, store: DraftStore = draftStore()) {
    this.#store = store;
    this.#storeId = storeId;
    this.#outs = signOutsHeard(storeId);
    this.#key = productId === null ? newProductDraftKey(storeId) : productDraftKey(storeId, productId);
  }

  /** Whether a save asked for now may be written: no sign-out heard since this draft could last save, or a connection since. */
  #mayKeep(): boolean {
    const outs = signOutsHeard(this.#storeId);
    if (outs === this.#outs) return true;
    if (!connectedSinceSignOut(this.#storeId)) return false;
    this.#outs = outs;
    return true;
  }

  #inTurn<R>(task: () => Promise<R>): Promise<R> {
    const run = this.#queue.then(task, task);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  load(): Promise<T | undefined> {
    return this.#inTurn(async () => {
      const value = await this.#store.load<T>(this.#key);
      if (value !== undefined) this.#mine = JSON.stringify(value);
      return value;
    });
  }

  save(value: T): Promise<void> {
    if (!this.#mayKeep()) return this.#queue.then(() => undefined, () => undefined);
    const outs = this.#outs;
    return this.#inTurn(async () => {
      // A sign-out heard since it was asked for (even with a new connection after it): not written.
      if (signOutsHeard(this.#storeId) !== outs) return;
      const refused = await this.#store.save(this.#key, value);
      this.#mine = JSON.stringify(value);
      this.onKept?.(refused || null);
      if (refused) refusedDrafts.add(this);
      else refusedDrafts.delete(this);
      // A sign-out heard while this was written: its discard may have come first, so the write is undone.
      if (signOutsHeard(this.#storeId) !== outs) await this.#store.discard(this.#key);
    });
  }

  /**
   * `tell`: the merchant discarded it (Discard changes), which the other tabs hear; not a save, after
   * which another tab's copy of the edit meets the store's newer version as "Changed elsewhere".
   */
  discard(tell = false): Promise<void> {
    return this.#inTurn(async () => {
      const mine = this.#mine;
      this.#mine = undefined;
      this.onKept?.(null);
      refusedDrafts.delete(this);
      if (mine === undefined) return;
      await this.#store.discardIf(this.#key, mine);
      if (tell) draftsChannel()?.postMessage({ discarded: this.#key } satisfies DiscardMessage);
    });
  }

  /** Calls `listener` when another tab discards this draft (its Discard changes); returns the unsubscribe. */
  onDiscardedElsewhere(listener: () => void): () => void {
    const heard = draftsChannel();
    if (!heard) return () => undefined;
    const onMessage = (event: MessageEvent): void => {
      if ((event.data as Partial<DiscardMessage> | null)?.discarded === this.#key) listener();
    };
    heard.addEventListener('message', onMessage);
    return () => heard.removeEventListener('message', onMessage);
  }
}

/**
 * How many unsaved edits of `storeId` this browser keeps (products, and a new one being added): a
 * sign-out discards them (auth/sign-out.ts), so it asks first where there are some.
 */
export async function storeDraftCount(storeId: string, store: DraftStore = draftStore()): Promise<number> {
  return (await store.keysFrom(storeDraftsPrefix(storeId))).length;
}

