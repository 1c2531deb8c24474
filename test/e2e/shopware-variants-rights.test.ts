/**
 * A Shopware integration whose role lacks the Properties viewer's rights (property_group:read,
 * property_group_option:read) opens a parent sold in variants, in Chromium on the built app against
 * the faithful server, which refuses the variants' `options.group` with 403 MISSING_PRIVILEGE as
 * Shopware's AclCriteriaValidator does. Before, the page said "The variants could not be loaded."
 * with a Try again that could never help; now the variants are listed by name with price and stock,
 * asked again once without their options, and a quiet line says which rights would show the options.
 */
import { describe, expect, it } from 'vitest';
import type { Request } from 'playwright-core';
import { useE2e } from '../helpers/e2e-fixture.ts';
import { SCREENSHOT_DIR } from '../helpers/paths.ts';
import { serveShopwareDemo } from '../helpers/shopware-app.ts';
import { NO_PROPERTIES } from '../platforms/shopware/client.ts';
import { SEED_IDS } from '../platforms/shopware/seed.ts';

const e2e = useE2e();

/** A search for the potatoes' variants: whether it asked for their options. */
function variantsAsked(request: Request): 'with options' | 'without' | undefined {
  if (request.method() !== 'POST' || !request.url().endsWith('/api/search/product')) return undefined;
  const body = request.postDataJSON() as { filter?: { field?: string; value?: unknown }[]; associations?: { options?: unknown } } | null;
  if (!(body?.filter ?? []).some((f) => f.field === 'parentId' && f.value === SEED_IDS.potatoes)) return undefined;
  return body?.associations?.options === undefined ? 'without' : 'with options';
}

describe('Shopware: variants for a role that may not read their options', () => {
  it('lists them by name with price and stock and says which rights show their options; asked again once, without them', async () => {
    const { app, page } = await serveShopwareDemo(e2e);
    const asked: string[] = [];
    const refused: number[] = [];
    page.on('request', (request) => {
      const kind = variantsAsked(request);
      if (kind !== undefined) asked.push(kind);
    });
    page.on('response', (response) => {
      if (variantsAsked(response.request()) === 'with options') refused.push(response.status());
    });
    await page.getByLabel('Access key ID').fill(NO_PROPERTIES.accessKeyId);
    await page.getByLabel('Secret access key').fill(NO_PROPERTIES.secret);
    await page.getByRole('button', { name: /^Connect .* with the integration key$/ }).click();
    await page.getByText(/^Connected · /).waitFor();

    await page.goto(`${app.url}#/s/sw/product/${SEED_IDS.potatoes}`);
    await page.getByRole('heading', { level: 1, name: 'Potatoes' }).waitFor();
    const section = page.getByRole('region', { name: 'Variants' });
    const items = section.getByRole('listitem');
    // as a screen reader says each one (the commas are for it alone)
    const said = async (): Promise<string[]> => (await items.allTextContents()).map((t) => t.replace(/\s+/g, ' ').replace(/ ,/g, ',').trim());
    await expect.poll(said).toEqual(['Potatoes 2.5 kg, €1.53, In stock', 'Potatoes 5 kg, €4.49, Out of stock']);
    const note = section.getByText('Their options are not shown: in Shopware Admin, this connection’s role needs the “property” read rights (Catalogues › Properties › Viewer).', { exact: true });
    expect(await note.isVisible()).toBe(true);
    expect(await section.getByText('The variants could not be loaded.').count()).toBe(0);
    expect(await section.getByRole('button', { name: 'Try again' }).count()).toBe(0);
    expect(asked).toEqual(['with options', 'without']);
    expect(refused).toEqual([403]);

    await section.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SCREENSHOT_DIR}/shopware-variants-no-rights-360.png` });
    await page.setViewportSize({ width: 1280, height: 900 });
    await section.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SCREENSHOT_DIR}/shopware-variants-no-rights-1280.png` });

    // opened again in the same session: asked without the options straight away
    await page.goto(`${app.url}#/s/sw/product/${SEED_IDS.cherries}`);
    await page.getByRole('heading', { level: 1, name: 'Cherries 500 g' }).waitFor();
    await page.goto(`${app.url}#/s/sw/product/${SEED_IDS.potatoes}`);
    await page.getByRole('heading', { level: 1, name: 'Potatoes' }).waitFor();
    await expect.poll(said).toEqual(['Potatoes 2.5 kg, €1.53, In stock', 'Potatoes 5 kg, €4.49, Out of stock']);
    expect(asked).toEqual(['with options', 'without', 'without']);
  });
});
