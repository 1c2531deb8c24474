/**
 * Merchant HTML on screen (SafeHtml): only ever sanitized, drawn again when it changes, and a
 * picture in it that does not load shows its words (alt) or nothing, never the browser's
 * broken-picture icon.
 */
import { cleanup, fireEvent, render } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
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

describe('SafeHtml in the editor’s preview (explainPictures)', () => {
  it('says which pictures did not load, and which this site’s policy refused (with whom to ask); shoppers see no such words', async () => {
    const { watchPolicyViolations } = await import('../../../src/lib/components/policy-violations.svelte.ts');
    const target = new EventTarget();
    watchPolicyViolations(target as unknown as Document);
    const html = '<img src="https://cdn.elsewhere.example/a.jpg" alt="A"><img src="https://shop.example/gone.jpg" alt="B"><img src="https://cdn.elsewhere.example/b.jpg" alt="C">';

    const shopper = render(SafeHtml, { html });
    const shopperBox = await shown(shopper.container);
    for (const picture of [...shopperBox.querySelectorAll('img')]) await fireEvent(picture, new Event('error'));
    expect(shopper.container.querySelector('.pictures-note')).toBeNull();
    cleanup();

    const { container } = render(SafeHtml, { html, explainPictures: true });
    const box = await shown(container);
    for (const picture of [...box.querySelectorAll('img')]) await fireEvent(picture, new Event('error'));
    const notes = () => [...container.querySelectorAll('.pictures-note')].map((note) => note.textContent?.replace(/\s+/g, ' ').trim());
    expect(notes()).toEqual(['Pictures from cdn.elsewhere.example, shop.example did not load: check their addresses.']);

    // The browser reports the refusal a moment after the error: the words follow.
    target.dispatchEvent(Object.assign(new Event('securitypolicyviolation'), { effectiveDirective: 'img-src', blockedURI: 'https://cdn.elsewhere.example/a.jpg' }));
    await vi.waitFor(() =>
      expect(notes()).toEqual([
        'Pictures from cdn.elsewhere.example are not shown: this site does not allow pictures from there. Use a picture on the store’s own host, or ask whoever runs this site to allow that host (imageOrigins in its config.json).',
        'A picture from shop.example did not load: check its address.',
      ]),
    );
    expect(box.textContent).toBe('ABC');
  });
});

describe('SafeHtml notes while the HTML changes (the editor redraws its preview at every key)', () => {
  it('keep a note while its picture is still in the HTML, and drop it once the picture is gone', async () => {
    const html = '<p>A</p><img src="https://shop.example/gone.jpg" alt="B">';
    const { container, rerender } = render(SafeHtml, { html, explainPictures: true });
    const box = await shown(container);
    await fireEvent(box.querySelector('img')!, new Event('error'));
    const note = () => container.querySelector('.pictures-note')?.textContent?.replace(/\s+/g, ' ').trim();
    expect(note()).toBe('A picture from shop.example did not load: check its address.');
    await rerender({ html: `${html}<p>typed</p>` });
    expect(note()).toBe('A picture from shop.example did not load: check its address.');
    await rerender({ html: '<p>A</p><p>typed</p>' });
    expect(note()).toBeUndefined();
  });
});
