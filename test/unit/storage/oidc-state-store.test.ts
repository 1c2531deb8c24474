import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { openStorage } from '../../../src/lib/storage/kv.ts';
import { createMemoryStore } from '../../../src/lib/storage/memory-store.ts';
import { createOidcStateStore } from '../../../src/lib/storage/oidc-state-store.ts';

const T0 = 1_700_000_000_000;

describe('OIDC state store', () => {
  it('implements set/get/getAllKeys on the KV seam under its own prefix', async () => {
    const kv = createMemoryStore();
    const states = createOidcStateStore(kv, { now: () => T0 });
    await states.set('id1', '{"id":"id1"}');
    expect(await states.get('id1')).toBe('{"id":"id1"}');
    expect(await states.get('nope')).toBeNull();
    expect(await states.getAllKeys()).toEqual(['id1']);
    expect(await kv.keys()).toEqual(['oidc:id1']);
  });

  it('remove consumes once and leaves a used marker', async () => {
    const states = createOidcStateStore(createMemoryStore(), { now: () => T0 });
    await states.set('id1', 'value');
    expect(await states.inspect('id1')).toEqual({ status: 'fresh', value: 'value' });
    expect(await states.remove('id1')).toBe('value');
    expect(await states.inspect('id1')).toEqual({ status: 'used' });
    expect(await states.get('id1')).toBeNull();
    expect(await states.remove('id1')).toBeNull();
    expect(await states.inspect('unknown')).toEqual({ status: 'missing' });
  });

  it('a state past its maximum age is expired and cannot be consumed', async () => {
    const clock = { now: T0 };
    const states = createOidcStateStore(createMemoryStore(), { now: () => clock.now, lifetimeMs: 600_000 });
    await states.set('id1', 'value');
    clock.now = T0 + 600_001;
    expect(await states.inspect('id1')).toEqual({ status: 'expired' });
    expect(await states.remove('id1')).toBeNull();
    // what is left says only that it expired (no value), for the words of a late answer
    expect(await states.get('id1')).toBeNull();
    expect(await states.inspect('id1')).toEqual({ status: 'expired' });
  });

  it('used markers fade after the maximum age', async () => {
    const clock = { now: T0 };
    const states = createOidcStateStore(createMemoryStore(), { now: () => clock.now });
    await states.set('id1', 'value');
    await states.remove('id1');
    clock.now = T0 + 700_000;
    expect(await states.inspect('id1')).toEqual({ status: 'missing' });
    expect(await states.remove('id1')).toBeNull();
    expect(await states.getAllKeys()).toEqual([]);
  });

  it('concurrent removes on IndexedDB hand the value to one caller only', async () => {
    const { store } = await openStorage({ indexedDB: new IDBFactory() });
    const states = createOidcStateStore(store, { now: () => T0 });
    await states.set('id1', 'value');
    const results = await Promise.all([states.remove('id1'), states.remove('id1'), states.remove('id1')]);
    expect(results.filter((r) => r === 'value')).toHaveLength(1);
    expect(results.filter((r) => r === null)).toHaveLength(2);
  });
});
