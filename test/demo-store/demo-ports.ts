/**
 * `npm run demo` listens on fixed ports: public/config.json, the Goodsie and FlickRocket demo
 * clients' redirect addresses and the stores' CORS lists all name them. `startAll` starts its
 * servers one by one; when a port is taken (most often another `npm run demo` still running), it
 * closes those already started and throws a DemoPortTaken that says which port, whose it is and
 * what to do, instead of Node's stack trace.
 */

export interface Closable {
  close(): Promise<void>;
}

/** One server of the demo: what it is (as the person reads it), its main port, how to start it. */
export interface DemoStep<T extends Closable = Closable> {
  what: string;
  port: number;
  start: () => Promise<T>;
}

export class DemoPortTaken extends Error {
  override name = 'DemoPortTaken';
}

/** The words for a listen error that says the port is taken, or undefined for any other error. */
export function portTakenWords(error: unknown, what: string, port: number): string | undefined {
  const { code, message, port: errorPort } = (error ?? {}) as { code?: unknown; message?: unknown; port?: unknown };
  // Node's net servers say EADDRINUSE (with the port); Vite's strictPort says it in a sentence.
  if (code !== 'EADDRINUSE' && !/Port \d+ is already in use/.test(String(message))) return undefined;
  const taken = typeof errorPort === 'number' ? errorPort : port;
  return (
    `Port ${taken} (${what}) is already in use on 127.0.0.1. Another \`npm run demo\` may still be running: ` +
    `stop it (Ctrl-C in its terminal), or find what holds the port with \`ss -ltnp 'sport = :${taken}'\` ` +
    `(or \`lsof -i :${taken}\`), then run this again. The demo's ports are fixed: public/config.json names them.`
  );
}

/** Starts each step in turn; on a taken port, closes the ones started and throws DemoPortTaken. */
export async function startAll(steps: readonly DemoStep[]): Promise<Closable[]> {
  const started: Closable[] = [];
  for (const step of steps) {
    try {
      started.push(await step.start());
    } catch (error) {
      await Promise.allSettled(started.map((server) => server.close()));
      const words = portTakenWords(error, step.what, step.port);
      throw words ? new DemoPortTaken(words, { cause: error }) : error;
    }
  }
  return started;
}
