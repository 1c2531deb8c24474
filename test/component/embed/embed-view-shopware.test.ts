/**
 * The Embed screen for a Shopware store: the sales channel's public key pasted once is there again
 * on the next visit (kept in IndexedDB with the store's data, never in localStorage), and goes when
 * the store’s connection is forgotten, or once the field is emptied or holds another key (only the
 * key in the field is kept, and only once the shop takes it).
 */
import { cleanup, render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppConfig } from '../../../src/lib/config/types.ts';
import { forgetStoreEmbed } from '../../../src/lib/embed/embed-tokens.ts';
import { openStorage } from '../../../src/lib/storage/kv.ts';
import { Session } from '../../../src/lib/state/session.svelte.ts';
import EmbedHarness from './EmbedHarness.svelte';
import { recordLiveRegions } from '../../helpers/live-regions.ts';

type AuthLike = ConstructorParameters<typeof Session>[0];

const CONFIG: AppConfig = {
  stores: [{ id: 'sw', kind: 'shopware6', name: 'Shopware Shop', apiBase: 'https://shop.example', auth: ['integration'] }],
};
const KEY = 'SWSCPUBLICKEY0000000000001';

async function clearDatabase(): Promise<void> {
  await new Promise<void>((resolve) => {
    const request = indexedDB.deleteDatabase('storefront-connect');
    request.onsuccess = request.onerror = request.onblocked = () => resolve();
  });
}

function visit(): void {
  const auth = { persistent: true, listSessions: async () => ({ sessions: [], discarded: [], seamRecords: new Map() }), beginSignIn: vi.fn(), onEvent: () => () => undefined } as unknown as AuthLike;
  render(EmbedHarness, { props: { session: new Session(auth, CONFIG), storeId: 'sw', navigate: vi.fn() } });
}

// The waits below are for the key check, which the field starts once typing pauses (400 ms, its own
// timer), and for IndexedDB: each waits as long as every wait does (patient-waits.ts, 5 s). They
// named 3 s, less than that: a loaded machine (a load of 10 on 2 cores) took longer.
beforeEach(async () => {
  await clearDatabase();
  // The shop answers the key check as one whose Store API could not be reached: its snippet is offered.
  vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))));
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('EmbedView for a Shopware store', () => {
  it('keeps the sales channel key for the next visit, and forgets it with the store’s connection', async () => {
    visit();
    const field = await screen.findByLabelText('Sales channel access key');
    await userEvent.type(field, KEY);
    await screen.findByRole('textbox', { name: 'Snippet' });
    const { store } = await openStorage();
    await vi.waitFor(async () => expect(await store.get('storefront-key:sw')).toEqual({ v: 1, key: KEY }));
    expect(JSON.stringify({ ...localStorage })).not.toContain(KEY);
    cleanup();

    // a reload: the key is there without pasting it again, and the snippet with it
    visit();
    await vi.waitFor(() => expect(screen.getByLabelText('Sales channel access key')).toHaveValue(KEY));
    expect(await screen.findByText(/This browser keeps it until you forget the connection to Shopware Shop\./)).toBeInTheDocument();
    const snippet = (await screen.findByRole('textbox', { name: 'Snippet' })) as HTMLTextAreaElement;
    expect(snippet.value).toContain(`access-key="${KEY}"`);
    cleanup();

    // Forget (sign-out) drops it with the rest of the store's data
    await forgetStoreEmbed(CONFIG, 'sw');
    expect(await store.get('storefront-key:sw')).toBeUndefined();
    visit();
    await screen.findByLabelText('Sales channel access key');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(screen.getByLabelText('Sales channel access key')).toHaveValue('');
  });

  /** A visit with the key kept: the field shows it, and the line says it is kept. */
  async function visitWithKeptKey(): Promise<HTMLInputElement> {
    const { store } = await openStorage();
    await store.set('storefront-key:sw', { v: 1, key: KEY });
    visit();
    const field = (await screen.findByLabelText('Sales channel access key')) as HTMLInputElement;
    await vi.waitFor(() => expect(field).toHaveValue(KEY));
    return field;
  }

  it('says what the shop made of a pasted key: taken, or not checked (their status is on the page before; a key taken was not said at all)', async () => {
    // The Store API's context and an empty listing: the key is taken.
    vi.stubGlobal('fetch', vi.fn(async (url: string) => Response.json(String(url).endsWith('/context') ? { currency: { isoCode: 'EUR' } } : { elements: [] })));
    visit();
    const field = await screen.findByLabelText('Sales channel access key');
    const live = recordLiveRegions();
    await userEvent.type(field, KEY);
    await screen.findByRole('textbox', { name: 'Snippet' });
    await vi.waitFor(() => expect(live.said.at(-1)).toBe('Shopware Shop accepts this key: the snippet is below.'));

    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))));
    await userEvent.type(field, '2');
    await vi.waitFor(() => expect(live.said.at(-1)).toBe('The key could not be checked just now; the preview below shows whether it works.'));
    expect(live.drawnFilled.filter((words) => words.includes('key'))).toEqual([]);
    live.stop();
  });

  it('forgets the kept key once the field is emptied: a reload shows it empty', async () => {
    const field = await visitWithKeptKey();
    await userEvent.clear(field);
    expect(screen.queryByText(/This browser keeps it/)).toBeNull();
    const { store } = await openStorage();
    await vi.waitFor(async () => expect(await store.get('storefront-key:sw')).toBeUndefined());
  });

  it('keeps no key the shop refuses (the field marked refused, described by why), and forgets the earlier one it replaced', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response('{}', { status: 401 })));
    const field = await visitWithKeptKey();
    await userEvent.clear(field);
    await userEvent.type(field, 'SWSCWRONGKEY0000000000001');
    const refusal = await screen.findByRole('alert');
    // The field is marked refused and described by why (heard as the focus comes back to it), its hint kept.
    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(field).toHaveAccessibleDescription(expect.stringContaining(refusal.textContent!.trim()));
    expect(field).toHaveAccessibleDescription(expect.stringMatching(/^Sales Channels › your storefront › API access/));
    // A key typed afresh is not refused until the shop says so: the mark goes with the refusal.
    await userEvent.type(field, '2');
    expect(field).not.toHaveAttribute('aria-invalid');
    expect(field).not.toHaveAccessibleDescription(expect.stringContaining('does not accept'));
    await screen.findByRole('alert');
    expect(field).toHaveAttribute('aria-invalid', 'true');
    const { store } = await openStorage();
    await vi.waitFor(async () => expect(await store.get('storefront-key:sw')).toBeUndefined());
    expect(screen.queryByText(/This browser keeps it/)).toBeNull();
  });

  it('forgets a kept key the shop now refuses (revoked since)', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response('{}', { status: 401 })));
    await visitWithKeptKey();
    await screen.findByRole('alert');
    const { store } = await openStorage();
    await vi.waitFor(async () => expect(await store.get('storefront-key:sw')).toBeUndefined());
  });
});
