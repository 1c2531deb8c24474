import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { expectCliHelp, startCli } from '../../helpers/spawn-cli.ts';
import { parseArgs } from './cli.ts';

describe('cli.ts', () => {
  it('prints both origins, serves the store and the hooks, and stops cleanly on SIGTERM', async () => {
    const cli = fileURLToPath(new URL('./cli.ts', import.meta.url));
    const { child, line, exited, kill } = await startCli(cli, ['--port', '0', '--hooks-port', '0', '--redirect-uri', 'http://127.0.0.1:4173/']);
    try {
      const [origin, hooks] = [...line.matchAll(/http:\/\/127\.0\.0\.1:\d+/g)].map((m) => m[0]);
      if (origin === undefined || hooks === undefined) throw new Error(`no origins in "${line}"`);
      expect((await fetch(`${origin}/api/products.json`)).status).toBe(401);
      expect((await fetch(`${hooks}/__test/stats`)).status).toBe(200);
      const consent = await fetch(`${origin}/oauth2/auth?client_id=StorefrontConnect.2033545684.apps.flickrocket.com&scope=products&redirect_uri=${encodeURIComponent('http://127.0.0.1:4173/')}`);
      expect(consent.status).toBe(200);
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      kill();
    }
  }, 15_000);
});

describe('cli arguments', () => {
  it('--port, --redirect-uri, --echo-state, --cors, --rate-limit', () => {
    const options = parseArgs(['--port', '4100', '--redirect-uri', 'http://127.0.0.1:4173/', '--echo-state', '--cors', 'none', '--rate-limit', '10/2']);
    expect(options).toMatchObject({ port: 4100, echoState: true, cors: 'none', rateLimit: { capacity: 10, leakPerSecond: 2 } });
    expect(options.clients?.[0]?.redirectUris).toEqual(['http://127.0.0.1:4173/']);
    // /token reads the form body, as OWIN does; there is no switch to read the query instead
    expect(() => parseArgs(['--token-params', 'query'])).toThrow(/unknown option/);
    expect(() => parseArgs(['--nope'])).toThrow(/unknown option/);
  });
});

describe('cli --help', () => {
  it('prints every option it reads and starts nothing; an unknown option is refused with the same lines', async () => {
    const { USAGE } = await import('./cli.ts');
    expectCliHelp(new URL('./cli.ts', import.meta.url), USAGE, parseArgs);
  }, 25_000);
});
