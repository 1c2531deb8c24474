import { tick } from 'svelte';

/**
 * Where the keyboard focus goes on a product's page (ProductView, ProductManage) when editing or the
 * cart locks or unlocks under the person's hands.
 */

/**
 * The focus, dropped to the page when what it was on went away (Save, once editing is refused; the
 * locked draft's Discard; Add to cart, once the cart is), goes to the lock's own button within
 * `within()` (looked up once drawn): Grant access or Check again.
 */
export async function focusLock(within: () => HTMLElement | null | undefined): Promise<void> {
  await tick();
  if (document.activeElement === null || document.activeElement === document.body) within()?.querySelector<HTMLElement>('.locked button')?.focus();
}

/**
 * The editor's first field, looked up on the page: where editing unlocks (Check again, another
 * key), which may draw the screen afresh, the focus goes there once the editor is in.
 */
export const editorField = () => document.querySelector<HTMLElement>('section.admin :is(input, textarea, select)');
