/**
 * Dates every sign-in in flight (implicit or code flow) `minutes` back, from a tab on the app's
 * origin (a consent page left open that long); returns how many there were.
 */
import type { Page } from 'playwright-core';

export function ageSignInsInFlight(tab: Page, minutes: number): Promise<number> {
  return tab.evaluate(
    (minutes) =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('storefront-connect');
        open.onerror = () => reject(new Error('open failed'));
        open.onsuccess = () => {
          const tx = open.result.transaction('kv', 'readwrite');
          const cursor = tx.objectStore('kv').openCursor();
          let count = 0;
          cursor.onsuccess = () => {
            const c = cursor.result;
            if (!c) return;
            // The single-use store's fresh record: { v, value, createdAt } (used markers have usedAt instead).
            const record = c.value as { createdAt?: unknown; value?: { createdAt?: unknown } };
            if (typeof record?.createdAt === 'number') {
              const aged = record.createdAt - minutes * 60_000;
              const value = typeof record.value?.createdAt === 'number' ? { ...record.value, createdAt: aged } : record.value;
              c.update({ ...record, createdAt: aged, value });
              count++;
            }
            c.continue();
          };
          tx.oncomplete = () => (open.result.close(), resolve(count));
          tx.onerror = () => (open.result.close(), reject(new Error('tx failed')));
        };
      }),
    minutes,
  );
}
