import { describe, expect, it } from 'vitest';
import type { AppConfig, GoodsieStoreConfig } from '../../../src/lib/config/types.ts';
import { readFileSync } from 'node:fs';
import { WORKER_POLICY } from '../../../src/lib/shared/trusted-types.ts';
import { buildCsp, buildHeadersFile, connectOrigins, imageSources, validateDeploymentConfig, type DeploymentConfig } from '../../../test/deploy/csp.ts';

function store(overrides: Partial<GoodsieStoreConfig>): GoodsieStoreConfig {
  return {
    id: 'a',
    kind: 'goodsie',
    name: 'A',
    authorizationEndpoint: 'https://auth.a.example/oauth2/authorize',
    apiBase: 'https://api.a.example',
    clientId: 'c',
    redirectUri: 'https://app.example/',
    defaultScopes: ['storefront'],
    flow: 'token',
    ...overrides,
  };
}

const CONFIG: AppConfig = {
  stores: [
    store({}),
    store({ id: 'b', apiBase: 'https://api.b.example/v1/', tokenEndpoint: 'https://auth.b.example/oauth2/access_token', flow: 'code' }),
    store({ id: 'c', apiBase: 'https://api.a.example/other' }),
    store({ id: 'demo', apiBase: 'http://127.0.0.1:4010' }),
  ],
};

function directives(csp: string): Map<string, string[]> {
  return new Map(csp.split(';').map((part) => {
    const [name = '', ...sources] = part.trim().split(/\s+/);
    return [name, sources];
  }));
}

describe('buildCsp', () => {
  const csp = buildCsp(CONFIG);
  const map = directives(csp);

  it('has no unsafe-inline or unsafe-eval anywhere', () => {
    expect(csp).not.toMatch(/unsafe-/);
  });

  it('limits connect-src to the app and the configured stores (API and token endpoints), each once', () => {
    expect(connectOrigins(CONFIG)).toEqual(['https://api.a.example', 'https://api.b.example', 'https://auth.b.example', 'http://127.0.0.1:4010']);
    expect(map.get('connect-src')).toEqual(["'self'", ...connectOrigins(CONFIG)]);
  });

  it('refuses framing, plugins, <base> and form posts; defaults to none', () => {
    expect(map.get('frame-ancestors')).toEqual(["'none'"]);
    expect(map.get('object-src')).toEqual(["'none'"]);
    expect(map.get('base-uri')).toEqual(["'none'"]);
    expect(map.get('form-action')).toEqual(["'none'"]);
    expect(map.get('default-src')).toEqual(["'none'"]);
    expect(map.get('script-src')).toEqual(["'self'"]);
    expect(map.get('style-src')).toEqual(["'self'"]);
  });

  it('enforces Trusted Types, allowing exactly the three policies the app makes, each once: no default policy, no duplicates', () => {
    expect(map.get('require-trusted-types-for')).toEqual(["'script'"]);
    expect(map.get('trusted-types')).toEqual(['svelte-trusted-html', 'dompurify', WORKER_POLICY]);
    expect(csp).not.toMatch(/'allow-duplicates'|trusted-types[^;]*\bdefault\b/);
  });

  it('names the libraries’ policies as the installed libraries make them (an upgrade that renames one fails here, not in a browser)', () => {
    const svelte = readFileSync(new URL('../../../node_modules/svelte/src/internal/client/dom/reconciler.js', import.meta.url), 'utf8');
    expect(svelte).toMatch(/createPolicy\('svelte-trusted-html'/);
    const purify = readFileSync(new URL('../../../node_modules/dompurify/dist/purify.es.mjs', import.meta.url), 'utf8');
    expect(purify).toMatch(/const policyName = "dompurify" \+/);
  });

  it('img-src names only the stores’ origins by default: no “any https image”', () => {
    expect(map.get('img-src')).toEqual(["'self'", 'https://api.a.example', 'https://api.b.example', 'http://127.0.0.1:4010']);
    expect(map.get('img-src')).not.toContain('https:');
  });

  it('img-src adds a store’s image origin (imageBase) and the image hosts config.json declares; https: only on opt-in', () => {
    const withImages: DeploymentConfig = {
      stores: [{ ...CONFIG.stores[0]!, imageBase: 'https://cdn1.storehippo.com/s/58b6b898fe14ad9f7ef50fb8/' } as unknown as GoodsieStoreConfig],
      imageOrigins: ['https://images.shop.example'],
    };
    expect(imageSources(withImages)).toEqual(["'self'", 'https://api.a.example', 'https://cdn1.storehippo.com', 'https://images.shop.example']);
    expect(imageSources({ ...withImages, anyHttpsImages: true })).toContain('https:');
  });
});

describe('img-src for a platform whose pictures live on a host of their own', () => {
  it('a FlickRocket store allows FlickRocket’s picture host (profile pictureOrigins) with no imageOrigins; other kinds do not', () => {
    const flickrocket = { id: 'fr', kind: 'flickrocket', name: 'FR', apiBase: 'https://app.flickrocket.com' } as unknown as GoodsieStoreConfig;
    expect(imageSources({ stores: [flickrocket] })).toEqual(["'self'", 'https://app.flickrocket.com', 'https://admin-static.flickrocket.com']);
    expect(imageSources(CONFIG)).not.toContain('https://admin-static.flickrocket.com');
  });
});

describe('validateDeploymentConfig', () => {
  const stores = [{ ...CONFIG.stores[0]! }];
  it('keeps declared image hosts as origins and the opt-in flag', () => {
    const config = validateDeploymentConfig({ stores, imageOrigins: ['https://cdn.shop.example', 'http://127.0.0.1:9000/'], anyHttpsImages: true });
    expect(config.imageOrigins).toEqual(['https://cdn.shop.example', 'http://127.0.0.1:9000']);
    expect(config.anyHttpsImages).toBe(true);
    expect(validateDeploymentConfig({ stores }).anyHttpsImages).toBeUndefined();
  });

  it('takes a plain-http image host on every loopback form, by the rule the app shows pictures by (shared/loopback.ts)', () => {
    const config = validateDeploymentConfig({ stores, imageOrigins: ['http://cdn.localhost:9000', 'http://127.0.0.2:9001', 'http://[::1]:9002'] });
    expect(config.imageOrigins).toEqual(['http://cdn.localhost:9000', 'http://127.0.0.2:9001', 'http://[::1]:9002']);
  });

  it.each([
    [{ imageOrigins: 'https://cdn.shop.example' }, 'imageOrigins'],
    [{ imageOrigins: ['https://cdn.shop.example/images/'] }, 'imageOrigins[0]'],
    [{ imageOrigins: ['http://cdn.shop.example'] }, 'imageOrigins[0]'],
    [{ imageOrigins: ['http://127.0.0.1.evil.example'] }, 'imageOrigins[0]'],
    [{ imageOrigins: ['http://[::ffff:127.0.0.1]'] }, 'imageOrigins[0]'],
    [{ imageOrigins: ['https://ok.example', 'javascript:alert(1)'] }, 'imageOrigins[1]'],
    [{ anyHttpsImages: 'yes' }, 'anyHttpsImages'],
  ])('refuses %j, naming %s', (extra, field) => {
    expect(() => validateDeploymentConfig({ stores, ...extra })).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID', field }));
  });

  it.each([
    [{ stores, imageOrigin: ['https://cdn.shop.example'] }, 'imageOrigin', 'imageOrigins'],
    [{ stores, anyHttpsImage: true }, 'anyHttpsImage', 'anyHttpsImages'],
    [{ Stores: stores }, 'Stores', 'stores'],
  ])('names a misspelt key of the file itself (%j), which would leave the policy without what was meant', (json, field, meant) => {
    expect(() => validateDeploymentConfig(json)).toThrow(
      expect.objectContaining({ code: 'CONFIG_INVALID', field, hint: `config.json has no "${field}"; did you mean "${meant}"?` }),
    );
  });

  it('ignores other keys of the file (notes), as the app does', () => {
    expect(validateDeploymentConfig({ stores, _comment: 'the Acme deployment', notes: 'x' }).stores).toHaveLength(1);
  });
});

describe('buildHeadersFile', () => {
  it('puts the app headers on every path and CORS on widget.js, under the deployment path', () => {
    const text = buildHeadersFile(CONFIG, { basePath: 'shops/acme' });
    expect(text).toMatch(/^\/shops\/acme\/\*\n {2}Content-Security-Policy: default-src 'none';/m);
    expect(text).toMatch(/^ {2}Referrer-Policy: no-referrer$/m);
    expect(text).toMatch(/^ {2}X-Content-Type-Options: nosniff$/m);
    expect(text).toMatch(/^\/shops\/acme\/widget\.js\n {2}Access-Control-Allow-Origin: \*$/m);
    expect(text).toMatch(/^\/shops\/acme\/assets\/\*\n {2}Cache-Control: public, max-age=31536000, immutable$/m);
    expect(text).toMatch(/^\/shops\/acme\/config\.json\n {2}Cache-Control: no-cache$/m);
    // index.html names its build's hashed chunks: revalidated whether asked for by the folder's
    // address or by name, or a CDN and the browser keep an old one after a new deployment.
    expect(text).toMatch(/^\/shops\/acme\/\n {2}Cache-Control: no-cache$/m);
    expect(text).toMatch(/^\/shops\/acme\/index\.html\n {2}Cache-Control: no-cache$/m);
    // No header is set twice for one path: a CDN would join the values with a comma.
    const blocks = text.split(/\n(?=\/)/).filter((b) => b.startsWith('/')).map((b) => b.split('\n').slice(1).filter(Boolean).map((l) => l.trim().split(':')[0]));
    const [all = [], ...specific] = blocks;
    for (const names of specific) for (const name of names) expect(all).not.toContain(name);
  });

});

describe('the deployment path (--base)', () => {
  it('takes the app’s whole address by its path, as written in redirectUri, never as a path of its own that matches no file', () => {
    for (const basePath of ['https://cdn.example.com/shops/acme/', 'https://cdn.example.com/shops/acme', '/shops/acme/', 'shops/acme']) {
      const text = buildHeadersFile(CONFIG, { basePath });
      expect(text, basePath).toMatch(/^\/shops\/acme\/\*\n {2}Content-Security-Policy: /m);
      expect(text, basePath).toMatch(/^\/shops\/acme\/widget\.js$/m);
      expect(text, basePath).not.toContain('/https:');
    }
  });
});

describe('npm run csp (the command)', () => {
  /** Runs the command on a config.json holding `text`: its exit code, what it printed and what it said went wrong. */
  async function csp(text: string, args: readonly string[] = ['--header']): Promise<{ code: number | null; out: string; err: string }> {
    const { execFile } = await import('node:child_process');
    const { mkdtemp, writeFile, rm } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = await mkdtemp(join(tmpdir(), 'csp-cli-'));
    try {
      const file = join(dir, 'config.json');
      await writeFile(file, text, 'utf8');
      return await new Promise((resolve) => {
        const child = execFile(process.execPath, ['--import', 'tsx', 'test/deploy/csp-from-config.ts', file, ...args], { timeout: 30_000 }, (_error, stdout, stderr) =>
          resolve({ code: child.exitCode, out: stdout.replaceAll(file, 'FILE'), err: stderr.replaceAll(file, 'FILE') }),
        );
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  it('reads a config.json saved with a UTF-8 byte order mark, as browsers do', async () => {
    const { code, out } = await csp(`\uFEFF${JSON.stringify({ stores: [store({})] })}`);
    expect(out).toContain("connect-src 'self' https://api.a.example");
    expect(code).toBe(0);
  }, 40_000);

  it('says where a file that is not JSON stopped being valid, as a line and column, in the app’s words (not the parser’s character offset)', async () => {
    const { code, out, err } = await csp('{\n  "stores": [\n    { "id": "a", }\n  ]\n}');
    expect(err).toBe(
      'FILE: config.json is not valid JSON at line 3, column 18; check for a missing comma, quote or bracket (JSON allows no comments and no comma after the last item).\n',
    );
    expect([code, out]).toEqual([1, '']);
  }, 40_000);

  it('takes --base=PATH as --base PATH, and refuses --base with no path rather than writing headers for the site root', async () => {
    const json = JSON.stringify({ stores: [store({})] });
    expect((await csp(json, ['--base=/shops/acme/'])).out).toMatch(/^\/shops\/acme\/\*$/m);
    const bare = await csp(json, ['--base']);
    expect([bare.code, bare.out, bare.err]).toEqual([2, '', '--base needs the path the app is deployed under, like --base /shops/acme/\n']);
  }, 40_000);

  it('--out writes the file only once config.json checked out: one with a problem leaves the deployed _headers as it was, where `> _headers` emptied it', async () => {
    const { mkdtemp, readFile, writeFile, rm } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = await mkdtemp(join(tmpdir(), 'csp-out-'));
    try {
      const out = join(dir, '_headers');
      await writeFile(out, 'the deployed headers\n');
      const broken = await csp(JSON.stringify({ stores: [{ ...store({}), name: '' }] }), ['--out', out]);
      expect([broken.code, broken.err]).toEqual([1, 'FILE stores[0].name: Give the store a name to show people.\n']);
      expect(await readFile(out, 'utf8')).toBe('the deployed headers\n');
      const good = await csp(JSON.stringify({ stores: [store({})] }), ['--base', 'shops/acme', '--out', out]);
      expect(good.code).toBe(0);
      expect(good.out).toBe(`${out} written from FILE for /shops/acme/\n`);
      expect(await readFile(out, 'utf8')).toBe(buildHeadersFile(validateDeploymentConfig({ stores: [store({})] }), { basePath: '/shops/acme/' }));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('notes stores on this computer’s own address (the demo’s, which the build ships), once per origin, after doing its work; none for https stores', async () => {
    const local = JSON.stringify({ stores: [
      store({ id: 'a', apiBase: 'http://127.0.0.1:4010' }),
      store({ id: 'b', apiBase: 'http://127.0.0.1:4010', redirectUri: 'https://app.example/index.html' }),
      store({ id: 'c', redirectUri: 'https://other.example/' }),
    ] });
    const noted = await csp(local);
    expect(noted.code).toBe(0);
    expect(noted.out).toContain("connect-src 'self' http://127.0.0.1:4010");
    expect(noted.err).toBe(
      "note: FILE lists stores on this computer's own address (http://127.0.0.1:4010): fine for trying the build here, but a deployed site's visitors cannot reach them; list your own stores (https://) instead and run this again.\n",
    );
    expect((await csp(JSON.stringify({ stores: [store({})] }))).err).toBe('');
  }, 40_000);

  it('--help prints how to use it and writes nothing; an unknown option is refused with the same lines', async () => {
    const json = JSON.stringify({ stores: [store({})] });
    const help = await csp(json, ['--help']);
    expect([help.code, help.err]).toEqual([0, '']);
    expect(help.out).toMatch(/^Usage: npm run csp -- \[config\.json\] \[--base PATH\] \[--header\] \[--out FILE\]\n/);
    for (const option of ['--base PATH', '--header', '--out FILE']) expect(help.out).toContain(`\n  ${option}`);
    expect(help.out).not.toContain('Content-Security-Policy:');
    const unknown = await csp(json, ['--outfile', 'x']);
    expect([unknown.code, unknown.out, unknown.err]).toEqual([2, '', `unknown option --outfile\n${help.out}`]);
  }, 40_000);

  it('names the file, the field at fault and how to fix it, once each', async () => {
    const { code, err } = await csp(JSON.stringify({ stores: [{ ...store({}), name: '' }] }));
    expect(err).toBe('FILE stores[0].name: Give the store a name to show people.\n');
    expect(code).toBe(1);
  }, 40_000);
});
