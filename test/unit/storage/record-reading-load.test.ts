/**
 * The code that reads the vault's records (vault-records.ts) is not part of a first visit: it loads
 * only where a database an earlier visit made is opened (as soon as it is, so that a returning
 * visitor's listing does not wait for it), or where the listing finds a record.
 */
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it, vi } from 'vitest';
import { LazyAuth } from '../../../src/lib/auth/auth-port.ts';
import { openDatabase } from '../../../src/lib/storage/open-database.ts';
import type { AppConfig } from '../../../src/lib/config/types.ts';

const loads = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../../src/lib/storage/vault-records.ts', async (importOriginal) => {
  loads.count++;
  return importOriginal();
});

describe('the code that reads saved records', () => {
  it('is not loaded on a first visit (a database made just now, an empty vault); on the next visit it is asked for as soon as the database has opened', async () => {
    const factory = new IDBFactory();
    const config: Promise<AppConfig> = Promise.resolve({ stores: [] });
    const first = openDatabase(factory);
    const listing = await LazyAuth.listSaved(LazyAuth.openStorage(first), config);
    expect(listing).toEqual({ sessions: [], discarded: [], seamRecords: new Map() });
    expect(loads.count).toBe(0);
    (await first).close();

    const next = openDatabase(factory);
    void LazyAuth.openStorage(next);
    await next;
    await vi.waitFor(() => expect(loads.count).toBe(1));
  });
});
