import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateConfig } from '../../../src/lib/config/load-config.ts';
import type { AppConfig, GoodsieStoreConfig } from '../../../src/lib/config/types.ts';
import { buildCsp, buildHeadersFile, connectOrigins } from '../../../test/bench/csp.ts';

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

  it('allows https images plus the plain-http demo store; strict mode names only the stores', () => {
    expect(map.get('img-src')).toEqual(["'self'", 'https:', 'http://127.0.0.1:4010']);
    expect(directives(buildCsp(CONFIG, { strictImages: true })).get('img-src')).toEqual([
      "'self'",
      'https://api.a.example',
      'https://api.b.example',
      'http://127.0.0.1:4010',
    ]);
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
    // No header is set twice for one path: a CDN would join the values with a comma.
    const blocks = text.split(/\n(?=\/)/).filter((b) => b.startsWith('/')).map((b) => b.split('\n').slice(1).filter(Boolean).map((l) => l.trim().split(':')[0]));
    const [all = [], ...specific] = blocks;
    for (const names of specific) for (const name of names) expect(all).not.toContain(name);
  });

  it('matches the _headers shipped in public/ for the shipped config.json (regenerate with npm run csp)', () => {
    const shipped = readFileSync(new URL('../../../public/_headers', import.meta.url), 'utf8');
    const config = validateConfig(JSON.parse(readFileSync(new URL('../../../public/config.json', import.meta.url), 'utf8')));
    expect(shipped).toBe(buildHeadersFile(config));
  });
});
