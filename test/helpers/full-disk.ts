/**
 * A full disk as Chromium meets it, on fake-indexeddb: from `refusePuts` on, every put aborts its
 * transaction at the commit with a QuotaExceededError (or the name given); deletes still go
 * through (they need no room). `allowPuts` frees the space again.
 */
import { IDBObjectStore } from 'fake-indexeddb';

const put = IDBObjectStore.prototype.put;

export function refusePuts(name = 'QuotaExceededError'): void {
  IDBObjectStore.prototype.put = function (this: IDBObjectStore, value: unknown, key?: IDBValidKey) {
    const request = put.call(this, value, key);
    const transaction = this.transaction;
    Object.defineProperty(transaction, 'error', { configurable: true, get: () => new DOMException('The quota has been exceeded.', name) });
    transaction.abort();
    return request;
  };
}

export function allowPuts(): void {
  IDBObjectStore.prototype.put = put;
}
