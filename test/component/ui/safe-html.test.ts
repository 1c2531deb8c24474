/**
 * Merchant HTML on screen (SafeHtml): only ever sanitized, drawn again when it changes, and a
 * picture in it that does not load shows its words (alt) or nothing, never the browser's
 * broken-picture icon.
 */
import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
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
    const { container, rerender } = render(SafeHtml, { underHeading: 2, html: '<p>Soft <b>linen</b></p><script>window.ran = 1</script><img src="javascript:alert(1)" alt="x">' });
    const box = await shown(container);
    expect(box.innerHTML).toBe('<p>Soft <b>linen</b></p>x');
    await rerender({ html: '<p>Washed cotton</p>' });
    expect(box.innerHTML).toBe('<p>Washed cotton</p>');
    expect(container.querySelectorAll('.merchant-html')).toHaveLength(1);
  });

  it('a picture that fails to load shows its words in its place, as text; one with no words goes', async () => {
    const { container } = render(SafeHtml, {
      underHeading: 2,
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
    const { container } = render(SafeHtml, { underHeading: 2, html: '<img src="https://shop.example/apron.jpg" alt="The apron">' });
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

    const shopper = render(SafeHtml, { underHeading: 2, html });
    const shopperBox = await shown(shopper.container);
    for (const picture of [...shopperBox.querySelectorAll('img')]) await fireEvent(picture, new Event('error'));
    expect(shopper.container.querySelector('.pictures-note')).toBeNull();
    cleanup();

    const { container } = render(SafeHtml, { underHeading: 2, html, explainPictures: true });
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
    const { container, rerender } = render(SafeHtml, { underHeading: 2, html, explainPictures: true });
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

describe('SafeHtml within the screen’s headings (underHeading)', () => {
  const levels = (box: HTMLElement) => [...box.querySelectorAll('h1, h2, h3, h4, h5, h6')].map((h) => `${h.localName} ${h.textContent}`);

  it('a description under the Description h2: the merchant’s h1 starts at h3, the rest follow in order, none past h6', async () => {
    const html = '<h1 title="t">Linen <em>apron</em></h1><p>Soft.</p><h2>Care</h2><h4>Washing</h4><h5>Cold</h5><h6>Small print</h6>';
    const { container } = render(SafeHtml, { underHeading: 2, html });
    const box = await shown(container);
    expect(levels(box)).toEqual(['h3 Linen apron', 'h4 Care', 'h6 Washing', 'h6 Cold', 'h6 Small print']);
    expect(screen.queryAllByRole('heading', { level: 1 })).toHaveLength(0);
    expect(screen.queryAllByRole('heading', { level: 2 })).toHaveLength(0);
    // The heading keeps what the sanitizer left on it and in it, and the size of what was written.
    const first = box.querySelector('h3')!;
    expect(first.outerHTML).toBe('<h3 title="t" data-level="1">Linen <em>apron</em></h3>');
    expect([...box.querySelectorAll<HTMLElement>('h3, h4, h6')].map((h) => h.dataset.level)).toEqual(['1', '2', '4', '5', '6']);
  });

  it('a store page under its h1: an h2 stays h2, an h1 becomes h2; headings already below are kept', async () => {
    const { container, rerender } = render(SafeHtml, { underHeading: 1, html: '<h2>Small goods</h2><h3>Made well</h3>' });
    const box = await shown(container);
    expect(levels(box)).toEqual(['h2 Small goods', 'h3 Made well']);
    await rerender({ html: '<h1>About us</h1><h3>Made well</h3>' });
    expect(levels(box)).toEqual(['h2 About us', 'h4 Made well']);
    await rerender({ html: '<h4>Deep</h4>', underHeading: 2 });
    expect(levels(box)).toEqual(['h4 Deep']);
  });
});

describe('SafeHtml with a wide table', () => {
  /** A box as wide as `client`, its table `scroll` wide; ResizeObserver reports on observe, as browsers do, and on resize(). */
  function layout(scroll: number, client: number): { resize: () => void } {
    let notify: () => void = () => {};
    vi.stubGlobal(
      'ResizeObserver',
      class {
        constructor(callback: () => void) {
          notify = callback;
        }
        observe() {
          queueMicrotask(notify);
        }
        disconnect() {}
      },
    );
    const sizes = { scroll, client };
    Object.defineProperty(HTMLElement.prototype, 'scrollWidth', { configurable: true, get: () => sizes.scroll });
    Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => sizes.client });
    return {
      resize: () => {
        sizes.client = sizes.scroll;
        notify();
      },
    };
  }
  afterEach(() => {
    vi.unstubAllGlobals();
    delete (HTMLElement.prototype as { scrollWidth?: number }).scrollWidth;
    delete (HTMLElement.prototype as { clientWidth?: number }).clientWidth;
  });

  it('scrolls in its own box: a region named by its caption that Tab reaches; once it fits, a plain box again', async () => {
    const { resize } = layout(900, 300);
    const html = '<p>Sizes below.</p><table><caption>Apron  sizes</caption><tr><td>S</td><td>M</td></tr></table>';
    const { container } = render(SafeHtml, { underHeading: 2, html });
    const box = await shown(container);
    await vi.waitFor(() => expect(screen.getByRole('region', { name: 'Apron sizes' })).toBeInTheDocument());
    const region = screen.getByRole('region', { name: 'Apron sizes' });
    expect(region.querySelector(':scope > table')).not.toBeNull();
    expect(region.tabIndex).toBe(0);
    await userEvent.tab();
    expect(region).toHaveFocus();
    expect(box.textContent).toBe('Sizes below.Apron  sizesSM');

    resize();
    expect(screen.queryByRole('region')).toBeNull();
    expect(box.querySelector('.table-box')?.hasAttribute('tabindex')).toBe(false);
  });

  it('a table with no caption is named by the merchant’s heading before it, else its header row, else as a table that scrolls sideways', async () => {
    layout(900, 300);
    const html = `<h2>Size chart</h2><p>In centimetres.</p><table><tr><th>Size</th><th>Chest</th></tr><tr><td>S</td><td>88</td></tr></table>`;
    const first = render(SafeHtml, { underHeading: 2, html });
    await shown(first.container);
    // Its heading moved under the screen's (h3), and named the region all the same.
    await vi.waitFor(() => expect(screen.getByRole('region', { name: 'Size chart, table' })).toBeInTheDocument());
    cleanup();

    const headed = '<table><thead><tr><th>Size</th><th> Chest\n (cm)</th><th>Waist</th><th>Hips</th></tr></thead><tr><td>S</td></tr></table><h2>After it</h2>';
    const second = render(SafeHtml, { underHeading: 2, html: headed });
    await shown(second.container);
    // A heading after the table is not its name; four headers: the first three, and more said.
    await vi.waitFor(() => expect(screen.getByRole('region', { name: 'Table of Size, Chest (cm), Waist, …' })).toBeInTheDocument());
    cleanup();

    const bare = render(SafeHtml, { underHeading: 2, html: '<table><tr><td>S</td></tr></table>' });
    await shown(bare.container);
    await vi.waitFor(() => expect(screen.getByRole('region', { name: 'Table, scrolls sideways' })).toBeInTheDocument());
  });
});
