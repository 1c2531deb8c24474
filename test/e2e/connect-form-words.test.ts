/**
 * The pasted-key form says "Access key" once where it is asked for, in the built app against the
 * faithful StoreHippo server. QA found it twice, as the form's title and as its one field's label
 * right under it (three times with the choice of modes above). The title is now for screen readers
 * only where its words are on screen already (the chosen radio, the one field's label): the form is
 * still named by it, and the field still labelled. Screenshots at 360 and 1280 px.
 */
import { describe, expect, it } from 'vitest';
import { SCREENSHOT_DIR } from '../helpers/paths.ts';
import { HIPPO_NAME as NAME, useHippoApp } from '../helpers/storehippo-app.ts';

const { startEnv, openHome } = useHippoApp();

describe('the access key form', () => {
  it('shows “Access key” as the chosen mode and the field’s label, not again as a title; the form and the field keep their names; the token mode the same', async () => {
    const env = await startEnv();
    const { page } = await openHome(env, 360);
    const field = page.getByRole('textbox', { name: 'Access key', exact: true });
    await field.waitFor();
    const form = page.getByRole('form', { name: `Access key for ${NAME}` });
    await form.waitFor();
    const title = form.getByRole('heading', { name: `Access key for ${NAME}` });
    // on screen: no title box (1 px, clipped), the label beside its field seen whole
    const seen = (locator: typeof title) => locator.evaluate((element) => element.getBoundingClientRect().width > 1);
    expect(await seen(title)).toBe(false);
    expect(await seen(form.locator('label', { hasText: /^Access key$/ }))).toBe(true);
    expect(await page.getByRole('radio', { name: 'Access key' }).isChecked()).toBe(true);
    for (const width of [360, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      await page.screenshot({ path: `${SCREENSHOT_DIR}/connect-form-access-key-${width}.png` });
    }
    // the other mode, chosen by its radio: its title is not said a second time either
    await page.getByRole('radio', { name: 'Access token' }).check();
    const tokenForm = page.getByRole('form', { name: `Access token for ${NAME}` });
    await tokenForm.getByRole('textbox', { name: 'Access token', exact: true }).waitFor();
    expect(await seen(tokenForm.getByRole('heading', { name: `Access token for ${NAME}` }))).toBe(false);
  });
});
