/**
 * A Shopware product oversold (its `stock` below 0, which Shopware keeps: IntField without a
 * minimum, as the variants' editor already says), in Chromium on the built app against the faithful
 * server. Merchant QA (s41): Cherries at -2 could not be renamed, its editor refusing the store's own
 * count ("Inventory is a whole number, 0 or more.", Save off) until a made-up one was typed over it.
 */
import { describe, expect, it } from 'vitest';
import { useE2e } from '../helpers/e2e-fixture.ts';
import { SCREENSHOT_DIR } from '../helpers/paths.ts';
import { connectWithKey, openShopwareProduct, serveShopwareDemo } from '../helpers/shopware-app.ts';
import { ADMIN, call, integrationToken } from '../platforms/shopware/client.ts';
import { SEED_IDS } from '../platforms/shopware/seed.ts';

const e2e = useE2e();

/** Cherries sold past their stock at the shop: its count at -2, written as Shopware's Admin API writes it. */
async function oversell(origin: string): Promise<void> {
  const token = await integrationToken(origin, ADMIN);
  const answer = await call(`${origin}/api/product/${SEED_IDS.cherries}`, { method: 'PATCH', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ stock: -2 }) });
  expect(answer.status).toBe(204);
}

describe('Shopware: a product oversold (stock below 0)', () => {
  it('is renamed with its count as the store has it: the editor takes the store’s -2 as it stands and leaves it', async () => {
    const { app, shop, page } = await serveShopwareDemo(e2e);
    await oversell(shop.origin);
    await connectWithKey(page, ADMIN);
    await openShopwareProduct(page, app.url, 'Cherries');
    const form = page.getByRole('form', { name: 'Edit product' });
    const inventory = form.getByLabel('Inventory');
    expect(await inventory.inputValue()).toBe('-2');
    expect(await inventory.getAttribute('aria-invalid')).not.toBe('true');
    expect(await form.getByText('Inventory is a whole number, 0 or more.').count()).toBe(0);

    await form.getByLabel('Name').fill('Cherries 500 g, dark');
    await form.getByRole('button', { name: 'Save changes' }).click();
    await form.getByText('Saved.', { exact: true }).waitFor();
    expect(shop.getProduct(SEED_IDS.cherries)?.name).toBe('Cherries 500 g, dark');
    expect(shop.getProduct(SEED_IDS.cherries)?.stock).toBe(-2);
    await inventory.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SCREENSHOT_DIR}/shopware-oversold-editor-360.png` });

    // another figure below 0 is still not one to type here
    await inventory.fill('-3');
    await form.getByText('Inventory is a whole number, 0 or more.').waitFor();
    await inventory.fill('4');
    await form.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => shop.getProduct(SEED_IDS.cherries)?.stock).toBe(4);
  });
});
