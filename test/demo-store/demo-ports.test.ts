import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { createServer as createViteServer } from 'vite';
import { afterEach, describe, expect, it } from 'vitest';
import { DemoPortTaken, startAll } from './demo-ports.ts';
import { startDemoStore } from './server.ts';
import { startFoxyStore } from '../platforms/foxy/server.ts';

/** A port some other program holds (as a second `npm run demo` would), on 127.0.0.1. */
async function holdPort(): Promise<Server> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}
const portOf = (server: Server): number => (server.address() as AddressInfo).port;
const held: Server[] = [];
afterEach(async () => {
  await Promise.all(held.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

describe('npm run demo on a taken port', () => {
  it("names the port, whose it is and what to do, and closes the servers it had started", async () => {
    const blocker = await holdPort();
    held.push(blocker);
    const port = portOf(blocker);
    let first: Awaited<ReturnType<typeof startDemoStore>> | undefined;
    const failure = await startAll([
      { what: 'the Goodsie demo store', port: 0, start: async () => (first = await startDemoStore({ port: 0 })) },
      { what: 'the Goodsie demo store', port, start: () => startDemoStore({ port }) },
    ]).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(DemoPortTaken);
    const words = (failure as Error).message;
    expect(words).toContain(`Port ${port} (the Goodsie demo store) is already in use`);
    expect(words).toContain('Another `npm run demo` may still be running');
    expect(words).toContain(`ss -ltnp 'sport = :${port}'`);
    expect(words).not.toMatch(/\n\s+at /); // no stack trace
    // The store started before the taken port no longer answers.
    await expect(fetch(`${first!.origin}/`)).rejects.toThrow();
  });

  it("names the taken one of a store's several ports (Foxy's Get Token page), not its first", async () => {
    const blocker = await holdPort();
    held.push(blocker);
    const adminPort = portOf(blocker);
    const failure = await startAll([{ what: 'the Foxy demo store', port: 0, start: () => startFoxyStore({ port: 0, adminPort }) }]).catch((error: unknown) => error);
    expect((failure as Error).message).toContain(`Port ${adminPort} (the Foxy demo store) is already in use`);
  });

  it("says the same of the app's port, which Vite holds strictly", async () => {
    const blocker = await holdPort();
    held.push(blocker);
    const port = portOf(blocker);
    const start = async () => {
      const vite = await createViteServer({ configFile: false, logLevel: 'silent', server: { host: '127.0.0.1', port, strictPort: true } });
      try {
        await vite.listen();
      } catch (error) {
        await vite.close();
        throw error;
      }
      return vite;
    };
    const failure = await startAll([{ what: 'the app', port, start }]).catch((error: unknown) => error);
    expect((failure as Error).message).toContain(`Port ${port} (the app) is already in use`);
  });

  it('lets any other failure through as it is', async () => {
    const broken = new Error('config.json is not valid JSON');
    await expect(startAll([{ what: 'the app', port: 5173, start: () => Promise.reject(broken) }])).rejects.toBe(broken);
  });
});
