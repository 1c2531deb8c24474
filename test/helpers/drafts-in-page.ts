/**
 * What the app's drafts database (IndexedDB `storefront-connect-drafts`) holds, read in the page by
 * the end-to-end tests: whether an unsaved edit was kept, or discarded.
 */
import type { Page } from 'playwright-core';

/** Whether the app's drafts hold `text` somewhere (false where the database or its store is not there). */
export function draftsHolding(page: Page, text: string): Promise<boolean> {
  return page.evaluate(
    (text) =>
      new Promise<boolean>((resolve) => {
        const open = indexedDB.open('storefront-connect-drafts');
        open.onerror = () => resolve(false);
        open.onsuccess = () => {
          const db = open.result;
          if (![...db.objectStoreNames].includes('drafts')) return (db.close(), resolve(false));
          const all = db.transaction('drafts').objectStore('drafts').getAll();
          all.onsuccess = () => (db.close(), resolve(JSON.stringify(all.result).includes(text)));
          all.onerror = () => (db.close(), resolve(false));
        };
      }),
    text,
  );
}
