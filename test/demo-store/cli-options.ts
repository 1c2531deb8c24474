/** Turns `cli.ts` flags and DEMO_STORE_* environment variables into `DemoStoreOptions` (flags win). */
import { DEFAULT_ALLOWED_ORIGINS, DEFAULT_CLIENT, type DemoStoreOptions } from './server.ts';

export const USAGE = `Usage: tsx test/demo-store/cli.ts [options]
  --port N              port (default 4010; env DEMO_STORE_PORT)
  --host H              host (default 127.0.0.1; env DEMO_STORE_HOST)
  --hostile             add hostile products (env DEMO_STORE_HOSTILE=1)
  --latency MS          added latency per API/token response (env DEMO_STORE_LATENCY)
  --max-scopes a,b      scopes the store will grant (env DEMO_STORE_MAX_SCOPES)
  --origin URL          another allowed CORS origin, repeatable (env DEMO_STORE_ORIGINS, comma-separated)
  --redirect-uri URL    another redirect URI for the demo client, repeatable (env DEMO_STORE_REDIRECT_URIS)
  --rate-limit N/MS     at most N API requests per MS milliseconds per token (env DEMO_STORE_RATE_LIMIT)
  --token-lifetime S    access token lifetime in seconds (env DEMO_STORE_TOKEN_LIFETIME)
  --products N          number of generated products (env DEMO_STORE_PRODUCTS)`;

function integer(name: string, raw: string, min: number): number {
  if (!/^\d+$/.test(raw) || Number(raw) < min) throw new Error(`${name} must be a whole number >= ${min}, got "${raw}"`);
  return Number(raw);
}

function list(raw: string): string[] {
  return raw.split(',').map((s) => s.trim()).filter((s) => s !== '');
}

function rateLimit(raw: string): { requests: number; windowMs: number } {
  const [requests = '', windowMs = ''] = raw.split('/');
  return { requests: integer('--rate-limit requests', requests, 1), windowMs: integer('--rate-limit window', windowMs, 1) };
}

export function parseCliOptions(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): DemoStoreOptions {
  const options: DemoStoreOptions = {};
  const origins: string[] = list(env.DEMO_STORE_ORIGINS ?? '');
  const redirectUris: string[] = list(env.DEMO_STORE_REDIRECT_URIS ?? '');
  if (env.DEMO_STORE_PORT) options.port = integer('DEMO_STORE_PORT', env.DEMO_STORE_PORT, 0);
  if (env.DEMO_STORE_HOST) options.host = env.DEMO_STORE_HOST;
  if (env.DEMO_STORE_HOSTILE === '1' || env.DEMO_STORE_HOSTILE === 'true') options.hostileProducts = true;
  if (env.DEMO_STORE_LATENCY) options.latencyMs = integer('DEMO_STORE_LATENCY', env.DEMO_STORE_LATENCY, 0);
  if (env.DEMO_STORE_MAX_SCOPES) options.maxScopes = list(env.DEMO_STORE_MAX_SCOPES);
  if (env.DEMO_STORE_RATE_LIMIT) options.rateLimit = rateLimit(env.DEMO_STORE_RATE_LIMIT);
  if (env.DEMO_STORE_TOKEN_LIFETIME) options.tokenLifetimeSeconds = integer('DEMO_STORE_TOKEN_LIFETIME', env.DEMO_STORE_TOKEN_LIFETIME, 1);
  if (env.DEMO_STORE_PRODUCTS) options.productCount = integer('DEMO_STORE_PRODUCTS', env.DEMO_STORE_PRODUCTS, 0);

  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i] ?? '';
    const value = (): string => {
      const next = argv[++i];
      if (next === undefined) throw new Error(`${flag} needs a value`);
      return next;
    };
    switch (flag) {
      case '--port': options.port = integer(flag, value(), 0); break;
      case '--host': options.host = value(); break;
      case '--hostile': options.hostileProducts = true; break;
      case '--latency': options.latencyMs = integer(flag, value(), 0); break;
      case '--max-scopes': options.maxScopes = list(value()); break;
      case '--origin': origins.push(value()); break;
      case '--redirect-uri': redirectUris.push(value()); break;
      case '--rate-limit': options.rateLimit = rateLimit(value()); break;
      case '--token-lifetime': options.tokenLifetimeSeconds = integer(flag, value(), 1); break;
      case '--products': options.productCount = integer(flag, value(), 0); break;
      default: throw new Error(`unknown option ${flag}\n${USAGE}`);
    }
  }
  if (origins.length > 0) options.allowedOrigins = [...new Set([...DEFAULT_ALLOWED_ORIGINS, ...origins])];
  if (redirectUris.length > 0) {
    options.clients = [{ ...DEFAULT_CLIENT, redirectUris: [...new Set([...DEFAULT_CLIENT.redirectUris, ...redirectUris])] }];
  }
  return options;
}
