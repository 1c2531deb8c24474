/**
 * Merchant HTML on screen (SafeHtml): only ever sanitized, drawn again when it changes, and a
 * picture in it that does not load shows its words (alt) or nothing, never the browser's
 * broken-picture icon.
 */
import { cleanup, fireEvent, render } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import SafeHtml from '../../../src/lib/components/SafeHtml.svelte';

afterEach(cleanup);

/** The rendered merchant HTML's box, once the sanitizer has loaded. */
async function shown(container: HTMLElement): Promise<HTMLElement> {
  for (let i = 0; i < 100; i++) {
    const box = container.querySelector<HTMLElement>('.merchant-html');
    if (box) return box;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('the merchant HTML was not shown');
}

describe('SafeHtml', () => {
  it('draws the sanitized HTML, and the new HTML when it changes', async () => {
    const { container, rerender } = render(SafeHtml, { html: '<p>Soft <b>linen</b></p><script>window.ran = 1</script><img src="javascript:alert(1)" alt="x">' });
    const box = await shown(container);
    expect(box.innerHTML).toBe('<p>Soft <b>linen</b></p>x');
    await rerender({ html: '<p>Washed cotton</p>' });
    expect(box.innerHTML).toBe('<p>Washed cotton</p>');
    expect(container.querySelectorAll('.merchant-html')).toHaveLength(1);
  });

  it('a picture that fails to load shows its words in its place, as text; one with no words goes', async () => {
    const { container } = render(SafeHtml, {
      html: '<p>Before</p><img src="https://shop.example/gone.jpg" alt="The apron, folded"><p>Between <img src="https://shop.example/gone-too.jpg" alt=""> after</p>',
    });
    const box = await shown(container);
    const [withWords, without] = [...box.querySelectorAll('img')];
    await fireEvent(withWords!, new Event('error'));
    await fireEvent(without!, new Event('error'));
    expect(box.querySelectorAll('img')).toHaveLength(0);
    expect(box.textContent).toBe('BeforeThe apron, foldedBetween  after');
  });

  it('a picture that loads stays', async () => {
    const { container } = render(SafeHtml, { html: '<img src="https://shop.example/apron.jpg" alt="The apron">' });
    const box = await shown(container);
    await fireEvent(box.querySelector('img')!, new Event('load'));
    expect(box.querySelector('img')?.getAttribute('src')).toBe('https://shop.example/apron.jpg');
  });
});
