/**
 * What `npm run build` leaves in dist/ for a deployment (the end-to-end setup runs the same build):
 * a `_headers` file derived from the config.json it ships (no hand step), the widget pinned by
 * content for Subresource Integrity, and an index.html that preloads the boot chunk's code.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILD_DIR } from '../helpers/paths.ts';
import { buildHeadersFile, validateDeploymentConfig } from '../deploy/csp.ts';

/** Every file under `dir`, as paths relative to it with `/`. */
async function filesOf(dir: string, prefix = ''): Promise<string[]> {
  const entries = await readdir(join(dir, prefix), { withFileTypes: true });
  const nested = await Promise.all(entries.map((entry) => (entry.isDirectory() ? filesOf(dir, `${prefix}${entry.name}/`) : [`${prefix}${entry.name}`])));
  return nested.flat();
}

/** The Cache-Control `_headers` gives `path` (every matching block applies: `*` matches the rest of the path). */
function cacheControlFor(headersFile: string, path: string): string[] {
  const values: string[] = [];
  for (const block of headersFile.split(/\n(?=\/)/).filter((text) => text.startsWith('/'))) {
    const [pattern = '', ...lines] = block.split('\n');
    const matches = pattern.endsWith('*') ? path.startsWith(pattern.slice(0, -1)) : path === pattern;
    if (matches) values.push(...lines.map((line) => /^\s+Cache-Control: (.*)$/i.exec(line)?.[1]).filter((value) => value !== undefined));
  }
  return values;
}

describe('the build output', () => {
  it('is the production build the tests serve: no Svelte dev-mode component tags in any chunk', async () => {
    const assets = join(BUILD_DIR, 'assets');
    const scripts = (await readdir(assets)).filter((name) => name.endsWith('.js'));
    expect(scripts.length).toBeGreaterThan(5);
    for (const name of scripts) expect(await readFile(join(assets, name), 'utf8'), name).not.toContain('componentTag');
  });

  it('carries _headers written from the config.json it ships, with a strict img-src', async () => {
    const shipped = JSON.parse(await readFile(join(BUILD_DIR, 'config.json'), 'utf8')) as unknown;
    const headers = await readFile(join(BUILD_DIR, '_headers'), 'utf8');
    expect(headers).toBe(buildHeadersFile(validateDeploymentConfig(shipped)));
    const csp = /Content-Security-Policy: (.*)/.exec(headers)?.[1] ?? '';
    // exactly the stores' API origins, FlickRocket's picture host (its stores name none: the
    // platform's profile does) and the image hosts config.json declares (the demo stores and their
    // media hosts), nothing wider
    const config = shipped as { stores: { kind: string; apiBase: string; imageBase?: string }[]; imageOrigins?: string[] };
    const storeOrigins = config.stores.flatMap((s) => [s.apiBase, ...(s.imageBase ? [s.imageBase] : [])]).map((url) => new URL(url).origin);
    const platformHosts = config.stores.some((s) => s.kind === 'flickrocket') ? ['https://admin-static.flickrocket.com'] : [];
    const expected = [...new Set([...storeOrigins, ...platformHosts, ...(config.imageOrigins ?? [])])].sort();
    expect(/img-src ([^;]*);/.exec(csp)?.[1]?.split(' ').slice(1).sort()).toEqual(expected);
    expect(csp).toMatch(/img-src 'self' /);
    expect(csp).not.toMatch(/img-src[^;]* https:[ ;]/);
  });

  it('caches for good only files named by their content; index.html (both addresses), config.json and widget-integrity.json, whose names stay while their content changes, are revalidated', async () => {
    const headers = await readFile(join(BUILD_DIR, '_headers'), 'utf8');
    const contentNamed = /^(assets\/[\w.-]+-[\w-]{8}\.(js|css)|widget\/[0-9a-f]{16}\.js)$/;
    const files = await filesOf(BUILD_DIR);
    expect(files).toContain('widget-integrity.json');
    for (const file of files) {
      const cacheControl = cacheControlFor(headers, `/${file}`);
      expect(cacheControl.length, file).toBeLessThanOrEqual(1); // one value: a CDN joins two with a comma
      if (cacheControl[0]?.includes('immutable')) expect(file).toMatch(contentNamed);
    }
    // What names other files or changes in place: asked again at every use (a 304 while unchanged).
    for (const path of ['/', '/index.html', '/config.json', '/widget-integrity.json']) expect(cacheControlFor(headers, path), path).toEqual(['no-cache']);
  });

  it('pins every widget output by content: widget-integrity.json names a sha384 copy in widget/', async () => {
    const pins = JSON.parse(await readFile(join(BUILD_DIR, 'widget-integrity.json'), 'utf8')) as Record<string, { file: string; integrity: string }>;
    expect(Object.keys(pins)).toContain('widget.js');
    for (const [name, pin] of Object.entries(pins)) {
      expect(pin.file).toMatch(/^widget\/[0-9a-f]{16}\.js$/);
      expect((await readFile(join(BUILD_DIR, pin.file))).equals(await readFile(join(BUILD_DIR, name)))).toBe(true);
      expect(pin.integrity).toMatch(/^sha384-[A-Za-z0-9+/]{64}$/);
    }
  });

  it('index.html preloads the boot chunk and every chunk it imports statically but the entry, so none is found only once another has run', async () => {
    const html = await readFile(join(BUILD_DIR, 'index.html'), 'utf8');
    const preloaded = [...html.matchAll(/<link rel="modulepreload" crossorigin href="\.\/assets\/([^"]+)">/g)].map((m) => m[1]);
    const entry = /<script type="module" crossorigin src="\.\/assets\/([^"]+)">/.exec(html)?.[1];
    const boot = (await readdir(join(BUILD_DIR, 'assets'))).find((file) => /^boot-[\w-]+\.js$/.test(file));
    if (!boot || !entry) throw new Error('no boot chunk or entry in the build');
    const code = await readFile(join(BUILD_DIR, 'assets', boot), 'utf8');
    const staticImports = [...code.matchAll(/(?:^|;)\s*import\s*(?:[^'"`;]*?from\s*)?["'`]\.\/([^"'`]+\.js)["'`]/g)].map((m) => m[1]!);
    expect(staticImports.length).toBeGreaterThan(0);
    expect(preloaded.sort()).toEqual([boot, ...new Set(staticImports.filter((file) => file !== entry))].sort());
  });

  it('no chunk’s preload lists name the entry or what the boot imports statically, which every page has loaded before any chunk asks for another (bytes of the boot)', async () => {
    const html = await readFile(join(BUILD_DIR, 'index.html'), 'utf8');
    const entry = /<script type="module" crossorigin src="\.\/assets\/([^"]+)">/.exec(html)?.[1];
    const preloaded = [...html.matchAll(/<link rel="modulepreload" crossorigin href="\.\/assets\/([^"]+)">/g)].map((m) => m[1]!);
    const boot = preloaded.find((file) => /^boot-[\w-]+\.js$/.test(file));
    if (!entry || !boot) throw new Error('no entry or boot chunk in index.html');
    const loaded = [entry, ...preloaded.filter((file) => file !== boot)];
    const files = (await readdir(join(BUILD_DIR, 'assets'))).filter((file) => file.endsWith('.js'));
    const lists = await Promise.all(files.map(async (file) => /m\.f=\[([^\]]*)\]/.exec(await readFile(join(BUILD_DIR, 'assets', file), 'utf8'))?.[1] ?? ''));
    const named = lists.flatMap((list) => [...list.matchAll(/"\.\/([^"]+)"/g)].map((m) => m[1]!));
    expect(named).toContain(boot); // the entry's list for the boot: the walk reads real lists
    expect(named.filter((file) => loaded.includes(file))).toEqual([]);
  });

  it("index.html links the boot chunk's stylesheet itself, so that the entry's import of the boot does not wait for it to load first", async () => {
    const html = await readFile(join(BUILD_DIR, 'index.html'), 'utf8');
    const linked = [...html.matchAll(/<link rel="stylesheet" crossorigin href="\.\/assets\/([^"]+)">/g)].map((m) => m[1]);
    const bootCss = (await readdir(join(BUILD_DIR, 'assets'))).filter((file) => /^boot-[\w-]+\.css$/.test(file));
    expect(bootCss).toHaveLength(1);
    expect(linked).toContain(bootCss[0]);
    // Each once: Vite's preload helper finds the page's link and adds none of its own.
    const entry = /<script type="module" crossorigin src="\.\/assets\/([^"]+)">/.exec(html)?.[1];
    if (!entry) throw new Error('no entry in the build');
    const code = await readFile(join(BUILD_DIR, 'assets', entry), 'utf8');
    expect(code).toContain(bootCss[0]);
    expect(new Set(linked).size).toBe(linked.length);
  });

  it('gives the tab a small PNG icon, not an SVG one: Chromium fetches and decodes it again at every address change (each search, each product opened), and an SVG icon is a document built on the main thread', async () => {
    const html = await readFile(join(BUILD_DIR, 'index.html'), 'utf8');
    const icons = [...html.matchAll(/<link rel="icon" href="\.\/([^"]+)" type="([^"]+)" sizes="(\d+)x(\d+)"/g)];
    expect(icons.map((m) => [m[1], m[2], m[3], m[4]])).toEqual([['favicon.png', 'image/png', '32', '32']]);
    expect(html).not.toMatch(/\.svg"/);
    const png = await readFile(join(BUILD_DIR, 'favicon.png'));
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([32, 32]); // IHDR's width and height
    expect(png.length).toBeLessThan(2_000);
  });
});
