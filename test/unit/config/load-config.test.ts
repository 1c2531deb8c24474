import { describe, expect, it, vi } from 'vitest';
import { ConfigError, loadConfig } from '../../../src/lib/config/load-config.ts';
import { validateConfig } from '../../../src/lib/config/validate-config.ts';
import { validateConfigStrictly } from '../../../src/lib/config/config-lint.ts';
import type { AppErrorCode } from '../../../src/lib/oauth/errors.ts';
import { fakeFetch } from '../../helpers/fake-fetch.ts';
import type { AppConfig, GoodsieStoreConfig } from '../../../src/lib/config/types.ts';

/** The validated entry at `index`, which these tests write as a Goodsie store. */
function goodsieAt(config: AppConfig, index: number): GoodsieStoreConfig {
  const store = config.stores[index]!;
  if (store.kind !== 'goodsie') throw new Error(`stores[${index}] is ${store.kind}`);
  return store;
}

function goodStore(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'demo-shop',
    kind: 'goodsie',
    name: 'Demo Shop',
    authorizationEndpoint: 'https://auth.shop.example/oauth2/authorize',
    tokenEndpoint: 'https://auth.shop.example/oauth2/access_token',
    apiBase: 'https://api.shop.example',
    clientId: 'storefront-connect',
    redirectUri: 'https://app.example/callback',
    defaultScopes: ['storefront'],
    flow: 'token',
    ...overrides,
  };
}

function withStore(overrides: Record<string, unknown>): unknown {
  return { stores: [goodStore(overrides)] };
}

function configErrorOf(run: () => unknown): ConfigError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError, nothing was thrown');
}

/** The problem with `json`, in words (validateConfig names it by a key; validateConfigStrictly says it as the app does). */
function expectInvalid(json: unknown, field: string): ConfigError {
  const error = configErrorOf(() => validateConfigStrictly(json));
  expect(error.code).toBe<AppErrorCode>('CONFIG_INVALID');
  expect(error.field).toBe(field);
  expect(error.hint).toMatch(/\S.*\.$/);
  return error;
}

describe('validateConfig', () => {
  it('accepts a valid config and returns only the known fields', () => {
    const config = validateConfig({ stores: [goodStore({ comment: 'ignored' })], extra: true });
    expect(config).toEqual({ stores: [goodStore()] });
  });

  it('accepts http for localhost, 127.0.0.1 and [::1]', () => {
    const config = validateConfig({
      stores: [
        goodStore({ apiBase: 'http://127.0.0.1:4010', authorizationEndpoint: 'http://localhost:4010/oauth2/authorize' }),
        goodStore({ id: 'v6', redirectUri: 'http://[::1]:5173/', tokenEndpoint: undefined }),
      ],
    });
    expect(config.stores.map((store) => store.apiBase)).toEqual(['http://127.0.0.1:4010', 'https://api.shop.example']);
    expect('tokenEndpoint' in config.stores[1]!).toBe(false);
  });

  it('accepts http for every loopback host, by the rule links and pictures follow too: *.localhost, 127.0.0.0/8', () => {
    const config = validateConfig({
      stores: [goodStore({ apiBase: 'http://shop.localhost:4010', authorizationEndpoint: 'http://127.0.0.2:4010/oauth2/authorize' })],
    });
    expect(config.stores.map((store) => store.apiBase)).toEqual(['http://shop.localhost:4010']);
  });

  it('names plain http to a public host as such, and any other scheme as a wrong scheme', () => {
    expect(configErrorOf(() => validateConfig(withStore({ apiBase: 'HTTP://shop.example' }))).hint).toBe('http\napiBase');
    expect(configErrorOf(() => validateConfig(withStore({ apiBase: 'javascript:alert(1)' }))).hint).toBe('scheme\napiBase');
    expect(configErrorOf(() => validateConfig(withStore({ apiBase: 'blob:http://127.0.0.1/x' }))).hint).toBe('scheme\napiBase');
  });

  it('keeps URLs exactly as written (redirect_uri must match the registered one)', () => {
    const config = validateConfig(withStore({ redirectUri: 'https://App.example/cb?x=1' }));
    expect(goodsieAt(config, 0).redirectUri).toBe('https://App.example/cb?x=1');
  });

  it('rejects a file that is not an object', () => {
    expectInvalid([], '');
    expectInvalid(null, '');
    expectInvalid('stores', '');
  });

  it('requires a non-empty stores list', () => {
    expectInvalid({}, 'stores');
    expectInvalid({ stores: {} }, 'stores');
    expectInvalid({ stores: [] }, 'stores');
    expectInvalid({ stores: [goodStore(), 'x'] }, 'stores[1]');
  });

  it('requires ids made of [a-z0-9-]', () => {
    for (const id of [undefined, '', 'Demo', 'demo_shop', 'demo shop', 'démo', '../x', 7]) {
      expectInvalid(withStore({ id }), 'stores[0].id');
    }
  });

  it('refuses an id that names a member every object has ("constructor"): stores are looked up by id in plain objects, where it would read as a store already marked', () => {
    const error = expectInvalid(withStore({ id: 'constructor' }), 'stores[0].id');
    expect(error.hint).toContain('"constructor"');
  });

  it('requires unique ids', () => {
    const error = expectInvalid({ stores: [goodStore(), goodStore({ name: 'Other' })] }, 'stores[1].id');
    expect(error.hint).toContain('demo-shop');
  });

  it('requires a kind known to the provider registry', () => {
    const error = expectInvalid(withStore({ kind: 'shopify' }), 'stores[0].kind');
    expect(error.hint).toContain('goodsie');
    expectInvalid(withStore({ kind: undefined }), 'stores[0].kind');
  });

  it('requires a name and a client id', () => {
    expectInvalid(withStore({ name: '  ' }), 'stores[0].name');
    expectInvalid(withStore({ clientId: undefined }), 'stores[0].clientId');
  });

  it('requires flow token or code', () => {
    expectInvalid(withStore({ flow: 'implicit' }), 'stores[0].flow');
    expectInvalid(withStore({ flow: undefined }), 'stores[0].flow');
    expect(goodsieAt(validateConfig(withStore({ flow: 'code' })), 0).flow).toBe('code');
  });

  it('requires a token endpoint for flow code only', () => {
    expectInvalid(withStore({ flow: 'code', tokenEndpoint: undefined }), 'stores[0].tokenEndpoint');
    expect(goodsieAt(validateConfig(withStore({ flow: 'token', tokenEndpoint: undefined })), 0).tokenEndpoint).toBeUndefined();
  });

  for (const field of ['authorizationEndpoint', 'tokenEndpoint', 'apiBase', 'redirectUri']) {
    describe(field, () => {
      const bad: Array<[string, unknown]> = [
        ['a number', 42],
        ['a relative URL', '/oauth2/authorize'],
        ['a protocol-relative URL', '//shop.example/x'],
        ['a javascript: URL', 'javascript:alert(1)'],
        ['an ftp URL', 'ftp://shop.example/x'],
        ['plain http to a public host', 'http://shop.example/x'],
        ['plain http to a look-alike of localhost', 'http://localhost.evil.example/x'],
        ['plain http to a look-alike of 127.0.0.1', 'http://127.0.0.1.evil.example/x'],
        ['plain http to an IPv4-mapped IPv6 loopback', 'http://[::ffff:127.0.0.1]/x'],
        ['a blob: URL of a loopback page', 'blob:http://127.0.0.1:4010/x'],
        ['credentials', 'https://user:secret@shop.example/x'],
        ['a fragment', 'https://shop.example/x#frag'],
        ['surrounding spaces', ' https://shop.example/x'],
        ['a trailing no-break space', 'https://shop.example/x\u00A0'],
        ['a leading byte order mark', '\uFEFFhttps://shop.example/x'],
      ];
      for (const [label, value] of bad) {
        it(`rejects ${label}`, () => {
          expectInvalid(withStore({ [field]: value, flow: 'code' }), `stores[0].${field}`);
        });
      }
    });
  }

  it('rejects a query in apiBase', () => {
    expectInvalid(withStore({ apiBase: 'https://api.shop.example/?v=1' }), 'stores[0].apiBase');
  });

  it('requires defaultScopes to be a non-empty list of known, distinct scopes', () => {
    expectInvalid(withStore({ defaultScopes: [] }), 'stores[0].defaultScopes');
    expectInvalid(withStore({ defaultScopes: 'storefront' }), 'stores[0].defaultScopes');
    const unknown = expectInvalid(withStore({ defaultScopes: ['storefront', 'write_everything'] }), 'stores[0].defaultScopes[1]');
    expect(unknown.hint).toContain('storefront, cart, admin');
    expectInvalid(withStore({ defaultScopes: ['cart', 'cart'] }), 'stores[0].defaultScopes[1]');
    expect(goodsieAt(validateConfig(withStore({ defaultScopes: ['storefront', 'cart'] })), 0).defaultScopes).toEqual(['storefront', 'cart']);
  });

  it('names the first bad field in the message', () => {
    const error = expectInvalid({ stores: [goodStore(), goodStore({ id: 'second', apiBase: 'nope' })] }, 'stores[1].apiBase');
    expect(error.message).toContain('stores[1].apiBase');
  });
});

describe('loadConfig', () => {
  const json = { stores: [goodStore()] };

  it('fetches config.json beside index.html by default and validates it', async () => {
    const fake = fakeFetch(() => Response.json(json));
    await expect(loadConfig(fake.fetch)).resolves.toEqual(json);
    expect(fake.seen.map((request) => request.input)).toEqual(['config.json']);
  });

  it('fetches another URL when told', async () => {
    const fake = fakeFetch(() => Response.json(json));
    await loadConfig(fake.fetch, '/deploy/config.json');
    expect(fake.seen.map((request) => request.input)).toEqual(['/deploy/config.json']);
  });

  it('reads the answer of a request sent early (main.ts) and does not fetch again', async () => {
    const fake = fakeFetch(() => Response.json({ stores: [] }));
    await expect(loadConfig(fake.fetch, 'config.json', Promise.resolve(Response.json(json)))).resolves.toEqual(json);
    expect(fake.seen).toEqual([]);
  });

  it('an early request that failed (no network) is APP_UNAVAILABLE, for the person here: not a fault of config.json', async () => {
    const { AppError } = await import('../../../src/lib/oauth/errors.ts');
    const early = Promise.reject(new TypeError('Failed to fetch'));
    const error: unknown = await loadConfig(fakeFetch(() => Response.json(json)).fetch, 'config.json', early).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).not.toBeInstanceOf(ConfigError);
    expect((error as InstanceType<typeof AppError>).code).toBe('APP_UNAVAILABLE');
    expect((error as Error).cause).toBeInstanceOf(TypeError);
  });

  it('a body cut off on the way is APP_UNAVAILABLE too', async () => {
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.error(new TypeError('network error'));
      },
    });
    const error: unknown = await loadConfig(fakeFetch(() => new Response(body)).fetch).catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(ConfigError);
    expect((error as { code?: unknown }).code).toBe('APP_UNAVAILABLE');
  });

  /** Runs `run` with a fresh load-config.ts whose import of `path` fails, as when its code did not download. */
  async function withoutModule(path: string, run: (fresh: typeof import('../../../src/lib/config/load-config.ts')) => Promise<void>): Promise<void> {
    vi.resetModules();
    vi.doMock(path, () => {
      throw new TypeError('Failed to fetch dynamically imported module');
    });
    try {
      await run(await import('../../../src/lib/config/load-config.ts'));
    } finally {
      vi.doUnmock(path);
      vi.resetModules();
    }
  }

  it('a platform profile that does not download is APP_UNAVAILABLE, not a fault of config.json', async () => {
    await withoutModule('../../../src/lib/providers/goodsie-profile.ts', async (fresh) => {
      const { AppError } = await import('../../../src/lib/oauth/errors.ts');
      const error: unknown = await fresh.loadConfig(fakeFetch(() => Response.json(json)).fetch).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect(error).not.toBeInstanceOf(fresh.ConfigError);
      expect((error as InstanceType<typeof AppError>).code).toBe('APP_UNAVAILABLE');
    });
  });

  it('a kind that names a member every object has ("toString", "hasOwnProperty", "constructor") is a wrong kind of config.json, named as such', async () => {
    for (const kind of ['toString', 'hasOwnProperty', 'constructor', '__proto__']) {
      const error: unknown = await loadConfig(fakeFetch(() => Response.json({ stores: [goodStore({ kind })] })).fetch).catch((e: unknown) => e);
      expect(error, kind).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).field, kind).toBe('stores[0].kind');
    }
  });

  async function loadError(respond: () => Response | Promise<Response>): Promise<ConfigError> {
    const error: unknown = await loadConfig(fakeFetch(respond).fetch).then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }

  it('reports a 404 as CONFIG_MISSING', async () => {
    const error = await loadError(() => new Response('not found', { status: 404 }));
    expect(error.code).toBe('CONFIG_MISSING');
    expect(error.hint).toContain('index.html');
  });

  it('reports another HTTP error as CONFIG_MISSING', async () => {
    const error = await loadError(() => new Response('', { status: 503 }));
    expect(error.code).toBe('CONFIG_MISSING');
    expect(error.hint).toContain('503');
  });

  it('reports unparseable JSON as CONFIG_INVALID', async () => {
    const error = await loadError(() => new Response('{"stores": [,]}', { status: 200 }));
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.field).toBe('');
    expect(error.hint).toContain('not valid JSON');
  });

  it('says where the JSON stopped being valid, as a line and column, and what JSON does not allow', async () => {
    const text = '{\n  "stores": [\n    { "id": "a", }\n  ]\n}';
    const error = await loadError(() => new Response(text, { status: 200 }));
    expect(error.hint).toBe(
      'config.json is not valid JSON at line 3, column 18; check for a missing comma, quote or bracket (JSON allows no comments and no comma after the last item).',
    );
  });

  it('names a misspelt key it loaded the checker for, also before the missing key it stands for; a clean file needs no checker', async () => {
    // Compared by code, not class: an earlier test here resets the module registry, and the checker,
    // imported afresh, brings a ConfigError class of its own.
    const rejection = (json: unknown) => loadConfig(fakeFetch(() => Response.json(json)).fetch).then(() => expect.fail('loaded'), (error: ConfigError) => error);
    const typo = await rejection({ stores: [{ ...goodStore(), revocationEndPoint: 'https://auth.shop.example/revoke' }] });
    expect(typo.code).toBe('CONFIG_INVALID');
    expect(typo.hint).toBe('This platform has no "revocationEndPoint"; did you mean "revocationEndpoint"?');
    const { clientId: _dropped, ...noClientId } = goodStore();
    const stands = await rejection({ stores: [{ ...noClientId, clientID: 'c' }] });
    expect(stands.field).toBe('stores[0].clientID');
    expect(stands.hint).toBe('This platform has no "clientID"; did you mean "clientId"?');
    const config = await loadConfig(fakeFetch(() => Response.json({ stores: [{ ...goodStore(), notes: 'staging' }] })).fetch);
    expect(config.stores[0]).not.toHaveProperty('notes');
  });

  it('says an empty config.json is empty', async () => {
    const error = await loadError(() => new Response(' \n', { status: 200 }));
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.hint).toBe('config.json is empty; it needs {"stores": [...]}.');
  });

  it('recognises an HTML fallback page served in place of config.json', async () => {
    const error = await loadError(() => new Response('<!doctype html><title>App</title>', { status: 200 }));
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.hint).toContain('web page');
  });

  it('reports a bad field as CONFIG_INVALID with its path', async () => {
    const error = await loadError(() => Response.json(withStore({ kind: 'nope' })));
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.field).toBe('stores[0].kind');
  });

  it('says a bad field in words, as validateConfigStrictly does, loading them only then (validateConfig names it by a key)', async () => {
    const json = withStore({ apiBase: 'http://shop.example' });
    expect(configErrorOf(() => validateConfig(json)).hint).toBe('http\napiBase');
    const error = await loadError(() => Response.json(json));
    expect(error.message).toBe('config.json stores[0].apiBase: Use https:// for apiBase; plain http:// is only allowed for a loopback host (localhost, *.localhost, 127.x.x.x, [::1]).');
    expect(error.hint).toBe(configErrorOf(() => validateConfigStrictly(json)).hint);
    expect((await loadError(() => Response.json(withStore({ defaultScopes: ['cart', 'cart'] })))).hint).toBe('Remove the second "cart": list each value once.');
  });

  it('offline, with the words not downloaded, says a short sentence of its own; a platform’s own sentence stays', async () => {
    await withoutModule('../../../src/lib/config/config-lint.ts', async (fresh) => {
      const rejection = (json: unknown) => fresh.loadConfig(fakeFetch(() => Response.json(json)).fetch).then(() => expect.fail('loaded'), (error: ConfigError) => error);
      const keyed = await rejection(withStore({ apiBase: 'http://shop.example' }));
      expect([keyed.code, keyed.field, keyed.hint]).toEqual(['CONFIG_INVALID', 'stores[0].apiBase', 'Compare config.json with the example in the README.']);
      const own = await rejection(withStore({ flow: 'implicit' }));
      expect(own.field).toBe('stores[0].flow');
      expect(own.hint).toBe(configErrorOf(() => validateConfigStrictly(withStore({ flow: 'implicit' }))).hint);
      expect(own.hint).toMatch(/^[A-Z].* .*\.$/);
    });
  });
});

describe("an apiBase copied with the API's own path", () => {
  // Every request would then go to /api/v1/api/v1/…: Goodsie's 404 reads "nothing at this address",
  // StoreHippo's (sent without CORS) "could not be reached (CORS)", neither naming config.json.
  it.each([
    ['goodsie', 'https://acme.example/api/v1', '/api/v1'],
    ['goodsie', 'https://acme.example/shop/api/v1/', '/api/v1/'],
    ['storehippo', 'https://hippo.storehippo.com/api/1.1', '/api/1.1'],
    ['shopware6', 'https://shop.example.com/api', '/api'],
    ['flickrocket', 'https://admin.flickrocket.com/api/', '/api/'],
  ])('%s: %s is refused, naming the path to remove', (kind, apiBase, path) => {
    const base = { goodsie: goodStore(), storehippo: { id: 'h', kind, name: 'H', currency: 'INR' }, shopware6: { id: 's', kind, name: 'S' }, flickrocket: { id: 'f', kind, name: 'F', authorizationEndpoint: 'https://admin.flickrocket.com/oauth2/auth', tokenEndpoint: 'https://admin.flickrocket.com/token', clientId: 'c', redirectUri: 'https://app.example/' } }[kind];
    const error = configErrorOf(() => validateConfigStrictly({ stores: [{ ...base, apiBase }] }));
    expect([error.field, error.hint]).toEqual(['stores[0].apiBase', `Write apiBase without the trailing ${path}: it is the store's address, and the app adds the API's path itself.`]);
  });
  it('keeps an apiBase whose path only looks like it (a store under /shop, /apiary)', () => {
    expect(validateConfigStrictly({ stores: [goodStore({ apiBase: 'https://acme.example/shop' }), goodStore({ id: 'b', apiBase: 'https://b.example/apiary', redirectUri: 'https://app.example/b/' })] }).stores).toHaveLength(2);
  });
});

describe('where config.json stopped being valid JSON, as each browser says it', () => {
  it('from V8’s position (Chromium), from Firefox’s line and column, and nothing where the parser says neither (Safari)', async () => {
    const { jsonProblem } = await import('../../../src/lib/config/config-lint.ts');
    const text = '{\n  "stores": [\n    { "id": "a", }\n  ]\n}';
    const tail = '; check for a missing comma, quote or bracket (JSON allows no comments and no comma after the last item).';
    expect(jsonProblem(text, new SyntaxError('Expected double-quoted property name in JSON at position 33 (line 3 column 18)'))).toBe(`config.json is not valid JSON at line 3, column 18${tail}`);
    expect(jsonProblem(text, new SyntaxError('JSON.parse: expected double-quoted property name at line 3 column 18 of the JSON data'))).toBe(`config.json is not valid JSON at line 3, column 18${tail}`);
    expect(jsonProblem('{\n  "stores": [\n    { "id": "a" "kind": "goodsie" }\n  ]\n}', new SyntaxError("JSON Parse error: Expected '}'"))).toBe(`config.json is not valid JSON${tail}`);
  });
  it('names the place of a comma after the last item when the parser gives none (V8 before `]`, Safari always)', async () => {
    const { jsonProblem } = await import('../../../src/lib/config/config-lint.ts');
    // A store removed from the end of the list leaves its comma behind.
    const text = '{\n  "stores": [\n    { "id": "a", "name": "Shop, ]" },\n  ]\n}';
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      parsed = error;
    }
    expect(String(parsed)).not.toMatch(/position|line \d/); // V8 names no place for it
    const said = 'config.json has a comma after the last item at line 3, column 37; JSON allows none: remove it.';
    expect(jsonProblem(text, parsed)).toBe(said);
    expect(jsonProblem(text, new SyntaxError("JSON Parse error: Unexpected comma at the end of array"))).toBe(said);
    // Safari, a comma before `}`: the same; a comma inside a string is no such comma.
    expect(jsonProblem('{"stores": [ { "id": "a", } ]}', new SyntaxError("JSON Parse error: Expected '}'"))).toBe(
      'config.json has a comma after the last item at line 1, column 25; JSON allows none: remove it.',
    );
  });
  it('names the line of a comment when the parser gives no place (V8 for one at the very start, Safari always)', async () => {
    const { jsonProblem } = await import('../../../src/lib/config/config-lint.ts');
    const text = '// Acme\n{"stores": []}';
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      parsed = error;
    }
    expect(jsonProblem(text, parsed)).toBe('config.json has a comment at line 1; JSON allows no comments: remove it.');
    expect(jsonProblem('{\n  # stores\n  "stores": []\n}', new SyntaxError("JSON Parse error: Unrecognized token '#'"))).toBe(
      'config.json has a comment at line 2; JSON allows no comments: remove it.',
    );
  });
});
