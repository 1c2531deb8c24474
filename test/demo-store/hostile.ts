/**
 * Products (and one page) written by an attacker who owns a store: HTML-looking names, script in
 * descriptions, `javascript:`, `data:` and plain `http:` URLs. Served only with `hostileProducts: true`. Every
 * payload calls `alert`, so an end-to-end test fails loudly on any dialog.
 */
import type { PageRecord, ProductRecord } from './catalogue.ts';

interface HostileSpec {
  name: string;
  description: string;
  descriptionShort: string;
  imageUrl: string;
  permalink: string;
  tags: string[];
}

const SPECS: readonly HostileSpec[] = [
  {
    name: '<b>Bold</b> & co',
    description: '<p>Looks <b>bold</b> &amp; harmless.</p><script>alert("xss-script")</script>',
    descriptionShort: '<script>alert("xss-short")</script> plain text',
    imageUrl: "javascript:alert('xss-image-url')",
    permalink: 'javascript:alert(document.domain)',
    tags: ['<i>tag</i>', 'hostile'],
  },
  {
    name: '<img src=x onerror=alert("xss-name")>',
    description: '<img src="x" onerror="alert(\'xss-img\')"><p>A broken image with a handler.</p>',
    descriptionShort: '<img src=x onerror=alert(1)>',
    imageUrl: 'data:image/svg+xml,<svg onload="alert(\'xss-data-svg\')"/>',
    permalink: 'data:text/html,<script>alert("xss-permalink")</script>',
    tags: ['hostile'],
  },
  {
    name: 'Click "me" <a href="javascript:alert(1)">here</a>',
    description:
      '<p><a href="javascript:alert(\'xss-link\')">Read more</a> or ' +
      '<a href="JaVaScRiPt:alert(\'xss-link-case\')">this</a> or ' +
      '<a href=" javascript:alert(\'xss-link-space\')">that</a>.</p>' +
      // plain http to a real host (security case 34): its words stay, as text; the picture goes
      '<p>Also <a href="http://shop.example/plain-http">our plain-http page</a>.<img src="http://images.example/plain-http.png" alt=""></p>',
    descriptionShort: 'javascript:alert(1)',
    imageUrl: 'JAVASCRIPT:alert("xss-image-upper")',
    permalink: ' javascript:alert("xss-permalink-space")',
    tags: ['hostile', 'javascript:'],
  },
  {
    name: '</title><script>alert("xss-title")</script>',
    description:
      '<iframe src="javascript:alert(\'xss-iframe\')"></iframe>' +
      '<iframe srcdoc="&lt;script&gt;alert(\'xss-srcdoc\')&lt;/script&gt;"></iframe>' +
      '<object data="javascript:alert(\'xss-object\')"></object><embed src="javascript:alert(\'xss-embed\')">',
    descriptionShort: '</textarea><script>alert(1)</script>',
    imageUrl: 'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
    permalink: 'javascript://%0Aalert("xss-permalink-comment")',
    tags: ['hostile'],
  },
  {
    name: '<svg onload=alert("xss-svg-name")>',
    description:
      '<svg onload="alert(\'xss-svg\')"><circle r="10"></circle></svg>' +
      '<math><mtext><table><mglyph><style><img src=x onerror=alert("xss-mxss")></style></mglyph></table></mtext></math>',
    descriptionShort: '<svg onload=alert(1)>',
    imageUrl: 'javascript:alert("xss-image-2")',
    permalink: 'data:,hello',
    tags: ['hostile'],
  },
  {
    name: 'Styled {{7*7}} ${7*7} <style>body{display:none}</style>',
    description:
      '<p style="position:fixed;inset:0;background:red;z-index:99999">Full-screen overlay</p>' +
      '<div style="background:url(javascript:alert(\'xss-style\'))">x</div>' +
      '<style>*{display:none !important}</style>' +
      '<form action="javascript:alert(\'xss-form\')"><button>Submit</button></form>' +
      '<base href="javascript:alert(\'xss-base\')//">' +
      '<meta http-equiv="refresh" content="0;url=javascript:alert(\'xss-meta\')">',
    descriptionShort: 'Looks <em>styled</em>',
    imageUrl: 'data:image/png;base64,iVBORw0KGgo=',
    permalink: 'javascript:alert("xss-permalink-last")',
    tags: ['hostile', '<style>'],
  },
];

/** Six hostile products, created one minute apart from `newestMs` on (so newest-first puts them on top). */
export function hostileProducts(newestMs: number): ProductRecord[] {
  return SPECS.map((spec, index) => {
    const at = new Date(newestMs + (SPECS.length - index) * 60_000).toISOString();
    return {
      id: `x${index + 1}`,
      name: spec.name,
      description: spec.description,
      descriptionShort: spec.descriptionShort,
      costRaw: 13.37 + index,
      compareAtCostRaw: null,
      images: [{ url: spec.imageUrl, alt: `<img src=x onerror=alert("xss-alt-${index + 1}")>`, width: 800, height: 800 }],
      categories: ['Hostile'],
      tags: spec.tags,
      permalink: spec.permalink,
      published: true,
      inventory: 5,
      created: at,
      updated: at,
    };
  });
}

export function hostilePage(): PageRecord {
  return {
    slug: 'hostile',
    title: '<script>alert("xss-page-title")</script>Hostile page',
    bodyHtml:
      '<p>Merchant page.</p><script>alert("xss-page")</script><img src=x onerror="alert(\'xss-page-img\')">' +
      '<a href="javascript:alert(\'xss-page-link\')">link</a>',
  };
}
