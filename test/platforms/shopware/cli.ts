/**
 * `tsx test/platforms/shopware/cli.ts [--port 4020] [--league 8] [--throttle-divisor N] [--no-cors]`:
 * prints the origins and the demo credentials page, stops on SIGINT/SIGTERM.
 */
import { stopOnSignals } from '../../helpers/stop-on-signals.ts';
import { startShopwareStore, type ShopwareStoreOptions } from './server.ts';

export const USAGE = `Usage: tsx test/platforms/shopware/cli.ts [options]
  --port N               API port (default 4020)
  --media-port N         media host port (default: any free)
  --test-port N          /__test/ hooks port (default: any free)
  --host H               host (default 127.0.0.1)
  --league 8|9           league/oauth2-server major (code-8 errors 401 on 8, 400 on 9; default 9)
  --throttle-divisor N   divide the login throttle's intervals by N (default 1)
  --token-lifetime S     access token lifetime in seconds (default 600)
  --no-cors              send no CORS headers (a proxy that strips them)`;

function integer(flag: string, raw: string | undefined, min: number): number {
  if (raw === undefined || !/^\d+$/.test(raw) || Number(raw) < min) throw new Error(`${flag} must be a whole number >= ${min}`);
  return Number(raw);
}

export function parseCliOptions(argv: readonly string[]): ShopwareStoreOptions {
  const options: ShopwareStoreOptions = {};
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i] ?? '';
    switch (flag) {
      case '--port': options.port = integer(flag, argv[++i], 0); break;
      case '--media-port': options.mediaPort = integer(flag, argv[++i], 0); break;
      case '--test-port': options.testPort = integer(flag, argv[++i], 0); break;
      case '--host': {
        const host = argv[++i];
        if (host === undefined) throw new Error('--host needs a value');
        options.host = host;
        break;
      }
      case '--league': {
        const league = integer(flag, argv[++i], 8);
        if (league !== 8 && league !== 9) throw new Error('--league must be 8 or 9');
        options.league = league;
        break;
      }
      case '--throttle-divisor': options.throttleDivisor = integer(flag, argv[++i], 1); break;
      case '--token-lifetime': options.accessTokenTtlSeconds = integer(flag, argv[++i], 1); break;
      case '--no-cors': options.cors = false; break;
      default: throw new Error(`unknown option ${flag}\n${USAGE}`);
    }
  }
  return options;
}

async function main(): Promise<void> {
  if (process.argv.includes('--help')) {
    console.log(USAGE);
    return;
  }
  const store = await startShopwareStore(parseCliOptions(process.argv.slice(2)));
  console.log(`Shopware 6 demo shop listening on ${store.origin} (media ${store.mediaOrigin}, test hooks ${store.testOrigin})`);
  console.log(`Demo credentials: ${store.origin}/admin/integrations`);
  stopOnSignals(() => store.close());
}

if (process.argv[1] !== undefined && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  main().catch((error: unknown) => {
    console.error(`shopware-store: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
