import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { startCli } from '../helpers/spawn-cli.ts';
import { parseCliOptions } from './cli-options.ts';
import { DEFAULT_ALLOWED_ORIGINS, DEFAULT_CLIENT } from './server.ts';

describe('parseCliOptions', () => {
  it('reads every flag', () => {
    const options = parseCliOptions(
      ['--port', '0', '--hostile', '--latency', '200', '--max-scopes', 'storefront,cart', '--origin', 'http://127.0.0.1:4173',
        '--redirect-uri', 'http://127.0.0.1:4173/', '--rate-limit', '60/60000', '--token-lifetime', '3600', '--products', '50', '--host', '127.0.0.1'],
      {},
    );
    expect(options).toEqual({
      port: 0,
      host: '127.0.0.1',
      hostileProducts: true,
      latencyMs: 200,
      maxScopes: ['storefront', 'cart'],
      allowedOrigins: [...DEFAULT_ALLOWED_ORIGINS, 'http://127.0.0.1:4173'],
      clients: [{ ...DEFAULT_CLIENT, redirectUris: ['http://127.0.0.1:5173/', 'http://127.0.0.1:4173/'] }],
      rateLimit: { requests: 60, windowMs: 60000 },
      tokenLifetimeSeconds: 3600,
      productCount: 50,
    });
  });

  it('reads DEMO_STORE_* variables, and flags win over them', () => {
    const options = parseCliOptions(['--latency', '5'], { DEMO_STORE_PORT: '4011', DEMO_STORE_HOSTILE: '1', DEMO_STORE_LATENCY: '100', DEMO_STORE_MAX_SCOPES: 'admin' });
    expect(options).toEqual({ port: 4011, hostileProducts: true, latencyMs: 5, maxScopes: ['admin'] });
    expect(parseCliOptions([], {})).toEqual({});
  });

  it.each([[['--bogus']], [['--port']], [['--port', 'abc']], [['--rate-limit', '60']], [['--latency', '-1']]])('refuses %j', (argv) => {
    expect(() => parseCliOptions(argv, {})).toThrow();
  });
});

describe('cli.ts', () => {
  it('prints one line with its origin, serves, and stops cleanly on SIGTERM', async () => {
    const cli = await startCli(fileURLToPath(new URL('./cli.ts', import.meta.url)), ['--port', '0', '--products', '5']);
    const { line, exited } = cli;
    try {
      const origin = /(http:\/\/127\.0\.0\.1:\d+)$/.exec(line)?.[1];
      if (origin === undefined) throw new Error(`no origin in "${line}"`);
      const response = await fetch(`${origin}/api/v1/metadata`);
      expect(response.status).toBe(401);
      cli.child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      cli.kill();
    }
  }, 15_000);
});
