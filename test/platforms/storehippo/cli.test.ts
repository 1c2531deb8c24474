import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { expectCliHelp, startCli } from '../../helpers/spawn-cli.ts';
import { parseArgs } from './cli.ts';
import { DEMO_KEYS } from './seed.ts';
import { DEFAULT_ALLOWED_ORIGINS } from './server.ts';

describe('parseArgs', () => {
  it('reads every flag, with a space or an equals sign', () => {
    expect(
      parseArgs(['--port', '0', '--cdn-port=0', '--test-port', '0', '--cors=no-access-key', '--rate-limit', '5', '--products', '30', '--origin', 'http://127.0.0.1:4173']),
    ).toEqual({
      port: 0,
      cdnPort: 0,
      testPort: 0,
      cors: 'no-access-key',
      rateLimitPerSecond: 5,
      productCount: 30,
      allowedOrigins: [...DEFAULT_ALLOWED_ORIGINS, 'http://127.0.0.1:4173'],
    });
    expect(parseArgs(['--cors', 'off'])).toEqual({ cors: 'off' });
    expect(parseArgs([])).toEqual({});
  });

  it.each([[['--bogus']], [['--port']], [['--port', 'abc']], [['--cors=sideways']]])('refuses %j', (argv) => {
    expect(() => parseArgs(argv)).toThrow();
  });
});

describe('cli.ts', () => {
  it('prints its origins, serves the API with a demo key, and stops cleanly on SIGTERM', async () => {
    const cli = await startCli(fileURLToPath(new URL('./cli.ts', import.meta.url)), ['--port', '0', '--products', '5']);
    const { line, exited } = cli;
    try {
      const origin = /API (http:\/\/127\.0\.0\.1:\d+)/.exec(line)?.[1];
      if (origin === undefined) throw new Error(`no origin in "${line}"`);
      const response = await fetch(`${origin}/api/1.1/entity/ms.products?total=1`, { headers: { 'access-key': DEMO_KEYS.readOnly } });
      expect(response.status).toBe(200);
      expect(((await response.json()) as { paging: { total: number } }).paging.total).toBe(5);
      cli.child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      cli.kill();
    }
  }, 15_000);
});

describe('cli --help', () => {
  it('prints every option it reads and starts nothing; an unknown option is refused with the same lines', async () => {
    const { USAGE } = await import('./cli.ts');
    expectCliHelp(new URL('./cli.ts', import.meta.url), USAGE, parseArgs);
  }, 25_000);
});
