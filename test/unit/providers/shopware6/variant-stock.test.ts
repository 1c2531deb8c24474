/**
 * A variant's own stock saved from the editor (Shopware), against the faithful server, by the requests
 * sent: the re-read of the variant, then `PATCH /api/product/{variantId}` with `{"stock": n}` as the
 * Administration's variant list saves its inline edit; changed since it was read, nothing is written;
 * a role without `product:update` gets the 403 and the store keeps its count.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Product } from '../../../../src/lib/domain/catalog.ts';
import { VariantConflictError } from '../../../../src/lib/domain/conflict.ts';
import { AppError } from '../../../../src/lib/oauth/errors.ts';
import { HttpError } from '../../../../src/lib/oauth/http-errors.ts';
import { ADMIN, BROWSE } from '../../../platforms/shopware/client.ts';
import { SEED_IDS } from '../../../platforms/shopware/seed.ts';
import { startShopwareStore, type ShopwareStore } from '../../../platforms/shopware/server.ts';
import { connectedAdapter, swStore, type Sent } from './sw-transport.ts';

let server: ShopwareStore;
beforeAll(async () => {
  server = await startShopwareStore({ port: 0 });
});
afterAll(() => server.close());

const integration = (who: typeof BROWSE) => ({ accessKeyId: who.accessKeyId, secretAccessKey: who.secret });
const POTATOES = { id: SEED_IDS.potatoes, price: 1.53 } as Product;
const writes = (sent: readonly Sent[]) => sent.filter((r) => r.method === 'PATCH');

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (e: unknown) => e,
  );
}

describe('a variant’s stock (Shopware)', () => {
  it('lists each variant with its own stock and when it last changed', async () => {
    const { adapter } = await connectedAdapter(swStore(server.origin), 'integration', integration(ADMIN));
    const { variants } = await adapter.listVariants!(POTATOES);
    expect(variants.map((v) => [v.id, v.stock])).toEqual([
      [SEED_IDS.potatoesSmall, 18],
      [SEED_IDS.potatoesLarge, 0],
    ]);
    expect(variants.every((v) => typeof v.updated === 'string' && v.updated !== '')).toBe(true);
  });

  it('sends PATCH /api/product/{variantId} with {"stock": n} after checking it unchanged, and gives the store’s count after', async () => {
    const sent: Sent[] = [];
    const { adapter } = await connectedAdapter(swStore(server.origin), 'integration', integration(ADMIN), sent);
    const small = (await adapter.listVariants!(POTATOES)).variants.find((v) => v.id === SEED_IDS.potatoesSmall)!;
    sent.length = 0;
    const saved = await adapter.updateVariantStock!(SEED_IDS.potatoesSmall, 25, small.updated!);
    expect(writes(sent).map((r) => [r.url.replace(server.origin, ''), r.body, r.headers.get('Content-Type')])).toEqual([[`/api/product/${SEED_IDS.potatoesSmall}`, '{"stock":25}', 'application/json']]);
    // the check before, the read after: the one variant, by id
    const searches = sent.filter((r) => r.method === 'POST');
    expect(searches.map((r) => JSON.parse(r.body ?? '{}').ids)).toEqual([[SEED_IDS.potatoesSmall], [SEED_IDS.potatoesSmall]]);
    expect(server.getProduct(SEED_IDS.potatoesSmall)?.stock).toBe(25);
    expect(server.getProduct(SEED_IDS.potatoes)?.stock).toBe(0);
    expect(saved.stock).toBe(25);
    expect(saved.updated).not.toBe(small.updated);
    // below 0 (oversold) is a count Shopware keeps
    expect((await adapter.updateVariantStock!(SEED_IDS.potatoesSmall, -3, saved.updated!)).stock).toBe(-3);
    expect(server.getProduct(SEED_IDS.potatoesSmall)?.stock).toBe(-3);
  });

  it('writes nothing when the variant changed since it was read, and says the store’s count', async () => {
    const sent: Sent[] = [];
    const { adapter } = await connectedAdapter(swStore(server.origin), 'integration', integration(ADMIN), sent);
    const large = (await adapter.listVariants!(POTATOES)).variants.find((v) => v.id === SEED_IDS.potatoesLarge)!;
    // someone else saves it meanwhile
    await adapter.updateVariantStock!(SEED_IDS.potatoesLarge, 4, large.updated!);
    sent.length = 0;
    const error = await rejection(adapter.updateVariantStock!(SEED_IDS.potatoesLarge, 9, large.updated!));
    expect(error).toBeInstanceOf(VariantConflictError);
    expect((error as VariantConflictError).current.stock).toBe(4);
    expect(writes(sent)).toHaveLength(0);
    expect(server.getProduct(SEED_IDS.potatoesLarge)?.stock).toBe(4);
  });

  it('a role without product:update gets the store’s 403 (naming it); a count that is no whole number is never sent', async () => {
    const sent: Sent[] = [];
    const { adapter } = await connectedAdapter(swStore(server.origin), 'integration', integration(BROWSE), sent);
    const small = (await adapter.listVariants!(POTATOES)).variants.find((v) => v.id === SEED_IDS.potatoesSmall)!;
    const before = server.getProduct(SEED_IDS.potatoesSmall)?.stock;
    const error = await rejection(adapter.updateVariantStock!(SEED_IDS.potatoesSmall, 7, small.updated!));
    expect(error).toBeInstanceOf(HttpError);
    expect((error as HttpError).status).toBe(403);
    expect((error as HttpError).code).toBe('API_INSUFFICIENT_SCOPE');
    expect(server.getProduct(SEED_IDS.potatoesSmall)?.stock).toBe(before);

    sent.length = 0;
    const decimal = await rejection(adapter.updateVariantStock!(SEED_IDS.potatoesSmall, 2.5, small.updated!));
    expect(decimal).toBeInstanceOf(AppError);
    expect((decimal as AppError).code).toBe('API_BAD_REQUEST');
    expect(sent).toHaveLength(0);
  });
});
