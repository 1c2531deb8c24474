/**
 * The Embed screen's snippet box on a phone, in Chromium on the built app (Shopware demo shop, its
 * sales channel key). QA (s42) at 360 px: the box wrapped each long attribute line at the hyphen of
 * its name ("api-" / "base=…", "access-" / "key=…"), which read as different code. Its lines are
 * whole now (the box scrolls sideways), and the text copied is the snippet as it stands.
 */
import { describe, expect, it } from 'vitest';
import type { Locator } from 'playwright-core';
import { useE2e } from '../helpers/e2e-fixture.ts';
import { SCREENSHOT_DIR } from '../helpers/paths.ts';
import { connectWithKey, serveShopwareDemo } from '../helpers/shopware-app.ts';
import { ADMIN } from '../platforms/shopware/client.ts';
import { SALES_CHANNEL_ACCESS_KEY } from '../platforms/shopware/constants.ts';

const e2e = useE2e();

/** How many lines the box draws: its text's height over one line's (a textarea's text has no Range rects). */
function drawnLines(box: Locator): Promise<number> {
  return box.evaluate((textarea: HTMLTextAreaElement) => {
    const style = getComputedStyle(textarea);
    const copy = document.createElement('div');
    for (const name of ['font', 'letterSpacing', 'whiteSpace', 'overflowWrap', 'wordBreak', 'tabSize', 'lineHeight'] as const) copy.style[name] = style[name];
    copy.style.width = `${textarea.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight)}px`;
    copy.style.position = 'absolute';
    copy.textContent = textarea.value;
    document.body.append(copy);
    const lines = Math.round(copy.getBoundingClientRect().height / parseFloat(getComputedStyle(copy).lineHeight));
    copy.remove();
    return lines;
  });
}

describe('Embed: the snippet box at 360 px', () => {
  it('draws each line of the snippet whole (no attribute name broken at its hyphen), scrolls sideways, and copies the snippet as it is', async () => {
    const { app, page } = await serveShopwareDemo(e2e, 360);
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.origin });
    await connectWithKey(page, ADMIN);
    await page.goto(`${app.url}#/s/sw/embed`);
    await page.getByLabel('Sales channel access key').fill(SALES_CHANNEL_ACCESS_KEY);
    const box = page.getByRole('textbox', { name: 'Snippet' });
    await expect.poll(() => box.inputValue()).toContain('api-base="');
    const snippet = await box.inputValue();
    // as many lines drawn as the snippet has: none wrapped, so no "api-" at the end of one
    await expect.poll(() => drawnLines(box)).toBe(snippet.split('\n').length);
    await expect.poll(() => box.evaluate((textarea) => textarea.scrollWidth > textarea.clientWidth)).toBe(true);
    // every line in the box's height: the closing tag shows without scrolling down
    await expect.poll(() => box.evaluate((textarea) => textarea.scrollHeight <= textarea.clientHeight)).toBe(true);
    await box.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SCREENSHOT_DIR}/embed-snippet-phone-360.png` });
    await page.getByRole('button', { name: 'Copy snippet' }).click();
    await page.getByRole('status').filter({ hasText: 'Snippet copied.' }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(snippet);
    await page.setViewportSize({ width: 1280, height: 900 });
    await expect.poll(() => box.evaluate((textarea) => textarea.scrollHeight <= textarea.clientHeight)).toBe(true);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/embed-snippet-phone-1280.png` });
  });
});
