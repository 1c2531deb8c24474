/** `tsx test/demo-store/cli.ts [--port 4010] [--hostile] ...`: prints the origin, stops on SIGINT/SIGTERM. */
import { stopOnSignals } from '../helpers/stop-on-signals.ts';
import { USAGE, parseCliOptions } from './cli-options.ts';
import { startDemoStore } from './server.ts';

async function main(): Promise<void> {
  if (process.argv.includes('--help')) {
    console.log(USAGE);
    return;
  }
  const store = await startDemoStore(parseCliOptions(process.argv.slice(2), process.env));
  console.log(`Goodsie demo store listening on ${store.origin}`);
  stopOnSignals(() => store.close());
}

main().catch((error: unknown) => {
  console.error(`demo-store: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
