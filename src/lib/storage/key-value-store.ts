/** The storage seam every store of the app is written against (implementations in kv.ts, sealed-store.ts). */
export interface KeyValueStore {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
  del(key: string): Promise<void>;
  keys(): Promise<string[]>;
  /**
   * Atomic read-modify-write (one readwrite transaction): `next` gets the current value and returns
   * the new one, `undefined` meaning delete. Resolves with the value that was there before.
   */
  update(key: string, next: (current: unknown) => unknown): Promise<unknown>;
}
