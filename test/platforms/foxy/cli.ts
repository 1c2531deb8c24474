/**
 * `tsx test/platforms/foxy/cli.ts [--port 4020] [--cors none] [--token-lifetime S]`: starts the local
 * Foxy store, prints its origins and the demo bundle's page, stops on SIGINT/SIGTERM.
 */
import { DEFAULT_PORT } from './constants.ts';
import { startFoxyStore, type FoxyStoreOptions } from './server.ts';
import { stopOnSignals } from '../../helpers/stop-on-signals.ts';

export const USAGE = `Usage: tsx test/platforms/foxy/cli.ts [options]
  --port N              API port (default ${DEFAULT_PORT}); canary, hooks and admin take N+1, N+2, N+3 (any free port when N is 0)
  --host H              host (default 127.0.0.1)
  --cors app|none       CORS for the app's origins (default app) or none at all
  --origin URL          another allowed CORS origin, repeatable
  --token-lifetime S    access token lifetime in seconds (default 7200)
  --transactions N      seeded transactions (default 200)`;

function integer(name: string, raw: string | undefined, min: number): number {
  if (raw === undefined || !/^\d+$/.test(raw) || Number(raw) < min) throw new Error(`${name} must be a whole number >= ${min}`);
  return Number(raw);
}

export function parseFoxyCliOptions(argv: readonly string[]): FoxyStoreOptions {
  const options: FoxyStoreOptions = {};
  const origins: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i] ?? '';
    const value = (): string | undefined => argv[++i];
    switch (flag) {
      case '--port': options.port = integer(flag, value(), 0); break;
      case '--host': options.host = value() ?? '127.0.0.1'; break;
      case '--cors': {
        const mode = value();
        if (mode !== 'app' && mode !== 'none') throw new Error('--cors must be app or none');
        options.cors = mode;
        break;
      }
      case '--origin': origins.push(value() ?? ''); break;
      case '--token-lifetime': options.accessLifetimeSeconds = integer(flag, value(), 1); break;
      case '--transactions': options.transactionCount = integer(flag, value(), 0); break;
      default: throw new Error(`unknown option ${flag}\n${USAGE}`);
    }
  }
  const port = options.port ?? DEFAULT_PORT;
  if (port !== 0) Object.assign(options, { canaryPort: port + 1, hooksPort: port + 2, adminPort: port + 3 });
  if (origins.length > 0) options.allowedOrigins = ['http://127.0.0.1:5173', 'http://localhost:5173', ...origins.filter((o) => o !== '')];
  return options;
}

async function main(): Promise<void> {
  if (process.argv.includes('--help')) {
    console.log(USAGE);
    return;
  }
  const store = await startFoxyStore(parseFoxyCliOptions(process.argv.slice(2)));
  console.log(`Foxy store API on ${store.origin}`);
  console.log(`Get Token page (demo bundle) on ${store.adminOrigin}/admin/integrations/get-token`);
  console.log(`Canary (another origin) on ${store.canaryOrigin}; test hooks on ${store.hooksOrigin}/__test/`);
  stopOnSignals(() => store.close());
}

if (process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'))) {
  main().catch((error: unknown) => {
    console.error(`foxy-store: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
