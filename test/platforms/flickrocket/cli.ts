/**
 * `tsx test/platforms/flickrocket/cli.ts --port N --redirect-uri URL [--hooks-port N] [--origin URL]
 * [--echo-state] [--cors allow|none] [--token-lifetime S]
 * [--rate-limit CAPACITY/PER_SECOND] [--products N]`: prints both origins, stops on SIGINT/SIGTERM.
 */
import { DEFAULT_ALLOWED_ORIGINS, DEFAULT_CLIENT, startFlickRocketStore, type FlickRocketStoreOptions } from './server.ts';
import { stopOnSignals } from '../../helpers/stop-on-signals.ts';

export const USAGE = `Usage: tsx test/platforms/flickrocket/cli.ts [options]
  --port N                          API port (default 4020)
  --hooks-port N                    /__test/ hooks port (default 4021)
  --redirect-uri URL                the app's redirect URI for the demo client, repeatable (exact match, as FlickRocket does)
  --origin URL                      another allowed CORS origin, repeatable
  --echo-state                      send state back with the code (FlickRocket may not)
  --cors allow|none                 CORS for the allowed origins (default allow) or none at all
  --token-lifetime S                access token lifetime in seconds (default 1799)
  --rate-limit CAPACITY/PER_SECOND  API rate limit
  --products N                      number of seeded products`;

function integer(flag: string, raw: string | undefined, min: number): number {
  if (raw === undefined || !/^\d+$/.test(raw) || Number(raw) < min) throw new Error(`${flag} must be a whole number >= ${min}`);
  return Number(raw);
}

export function parseArgs(argv: readonly string[]): FlickRocketStoreOptions {
  const options: FlickRocketStoreOptions = { port: 4020, hooksPort: 4021 };
  const redirectUris: string[] = [];
  const origins: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = (): string | undefined => argv[++i];
    switch (flag) {
      case '--port': options.port = integer(flag, value(), 0); break;
      case '--hooks-port': options.hooksPort = integer(flag, value(), 0); break;
      case '--redirect-uri': redirectUris.push(new URL(value() ?? '').href); break;
      case '--origin': origins.push(new URL(value() ?? '').origin); break;
      case '--echo-state': options.echoState = true; break;
      case '--cors': {
        const mode = value();
        if (mode !== 'allow' && mode !== 'none') throw new Error('--cors must be allow or none');
        options.cors = mode;
        break;
      }
      case '--token-lifetime': options.accessTokenLifetimeSeconds = integer(flag, value(), 1); break;
      case '--products': options.productCount = integer(flag, value(), 0); break;
      case '--rate-limit': {
        const [capacity, perSecond] = (value() ?? '').split('/');
        options.rateLimit = { capacity: integer(flag, capacity, 1), leakPerSecond: integer(flag, perSecond, 1) };
        break;
      }
      default: throw new Error(`unknown option ${String(flag)}\n${USAGE}`);
    }
  }
  if (redirectUris.length > 0) options.clients = [{ ...DEFAULT_CLIENT, redirectUris }];
  if (origins.length > 0) options.allowedOrigins = [...new Set([...DEFAULT_ALLOWED_ORIGINS, ...origins])];
  return options;
}

async function main(): Promise<void> {
  if (process.argv.includes('--help')) return void console.log(USAGE);
  const store = await startFlickRocketStore(parseArgs(process.argv.slice(2)));
  console.log(`FlickRocket test store listening on ${store.origin} (test hooks on ${store.hooksOrigin}/__test/)`);
  stopOnSignals(() => store.close());
}

if (process.argv[1]?.endsWith('cli.ts') === true) {
  main().catch((error: unknown) => {
    console.error(`flickrocket: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
