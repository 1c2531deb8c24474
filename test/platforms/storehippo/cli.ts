/**
 * `tsx test/platforms/storehippo/cli.ts [--port 4030] [--cdn-port N] [--test-port N]
 *  [--cors=on|no-access-key|off] [--rate-limit N] [--products N] [--origin URL]...`: prints the origins and the demo
 *  keys page, stops on SIGINT/SIGTERM.
 */
import { DEFAULT_ALLOWED_ORIGINS, startStoreHippoStore, type CorsMode, type StoreHippoOptions } from './server.ts';
import { stopOnSignals } from '../../helpers/stop-on-signals.ts';

export const USAGE = `Usage: tsx test/platforms/storehippo/cli.ts [options]
  --port N                       API port (default 4030, as npm run demo starts it; Shopware's is 4020)
  --cdn-port N                   image CDN port (default: any free)
  --test-port N                  /__test/ hooks port (default: any free)
  --cors on|no-access-key|off    CORS for the allowed origins (default on); no-access-key leaves the access-key header out
  --rate-limit N                 API requests per second per credential
  --products N                   number of seeded products
  --origin URL                   another allowed CORS origin, repeatable
  (a value may also follow an equals sign: --port=4030)`;

export function parseArgs(argv: readonly string[]): StoreHippoOptions {
  const options: StoreHippoOptions = {};
  const origins: string[] = [];
  const integer = (flag: string, raw: string | undefined): number => {
    if (raw === undefined || !/^\d+$/.test(raw)) throw new Error(`${flag} needs a whole number`);
    return Number(raw);
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag = '', inline] = (argv[i] ?? '').split(/=(.*)/s, 2);
    const value = (): string | undefined => inline ?? argv[++i];
    switch (flag) {
      case '--port': options.port = integer(flag, value()); break;
      case '--cdn-port': options.cdnPort = integer(flag, value()); break;
      case '--test-port': options.testPort = integer(flag, value()); break;
      case '--products': options.productCount = integer(flag, value()); break;
      case '--rate-limit': options.rateLimitPerSecond = integer(flag, value()) || null; break;
      case '--origin': origins.push(value() ?? ''); break;
      case '--cors': {
        const mode = value();
        if (mode !== 'on' && mode !== 'off' && mode !== 'no-access-key') throw new Error('--cors must be on, off or no-access-key');
        options.cors = mode as CorsMode;
        break;
      }
      default: throw new Error(`unknown option ${flag}\n${USAGE}`);
    }
  }
  if (origins.length > 0) options.allowedOrigins = [...new Set([...DEFAULT_ALLOWED_ORIGINS, ...origins])];
  return options;
}

async function main(): Promise<void> {
  if (process.argv.includes('--help')) return void console.log(USAGE);
  const store = await startStoreHippoStore(parseArgs(process.argv.slice(2)));
  console.log(`StoreHippo demo store: API ${store.origin} (apiVersion 1.1), imageBase ${store.imageBase}`);
  console.log(`Demo access keys: ${store.origin}/admin/settings/access-keys   test hooks: ${store.testOrigin}/__test/`);
  stopOnSignals(() => store.close());
}

if (process.argv[1]?.endsWith('cli.ts')) {
  main().catch((error: unknown) => {
    console.error(`storehippo: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
