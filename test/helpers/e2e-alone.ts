/**
 * The end-to-end files run three at a time (vite.config.ts), but those that time what Chromium does
 * (ALONE_FILES: a bound of a few seconds between two moments, or the order of frames and timers)
 * each run with no other file beside them, as every file did before: a run lock, served by the
 * run's main process (global-setup.ts) on 127.0.0.1 and taken by every file before it starts
 * (e2e-lock.ts, a setup file): shared, or alone for ALONE_FILES. Requests are granted in the order
 * made, so no file starts beside one that waits to be alone. A file's hold ends when its connection
 * closes: after the file, or when its worker ends. The sequencer puts ALONE_FILES last, so that the
 * other worker is not left idle while one of them waits for a file to end.
 */
import { connect, createServer, type Socket } from 'node:net';
import type { TestSequencer, TestSpecification, Vitest } from 'vitest/node';

export const ALONE_FILES: readonly string[] = [
  'catalog-first-frame',
  'first-visit-code',
  'flickrocket-renewal',
  'keyboard-choices',
  'renewal-faults',
  'scopes',
  'seam-sign-out-tabs',
  'sign-out-tabs',
  'slow-link',
  'warm-start',
].map((name) => `test/e2e/${name}.test.ts`);

export function runsAlone(path: string): boolean {
  return ALONE_FILES.some((file) => path.replaceAll('\\', '/').endsWith(`/${file}`));
}

/** Vitest's own order (slowest or largest first), with ALONE_FILES after every other file. */
export class AloneLast implements TestSequencer {
  readonly #ctx: Vitest;
  constructor(ctx: Vitest) {
    this.#ctx = ctx;
  }
  async #base(): Promise<TestSequencer> {
    const { BaseSequencer } = await import('vitest/node');
    return new BaseSequencer(this.#ctx);
  }
  async shard(files: TestSpecification[]): Promise<TestSpecification[]> {
    return (await this.#base()).shard(files);
  }
  async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await (await this.#base()).sort(files);
    return [...sorted.filter((file) => !runsAlone(file.moduleId)), ...sorted.filter((file) => runsAlone(file.moduleId))];
  }
}

/** The lock's server (one per run): its port, how many requests wait, and close. */
export async function startRunLock(): Promise<{ port: number; waiting: () => number; close: () => Promise<void> }> {
  let shared = 0;
  let alone = false;
  const waiting: Array<{ socket: Socket; alone: boolean }> = [];
  const held = new Map<Socket, boolean>();
  const grant = () => {
    for (let next = waiting[0]; next && !alone && (!next.alone || shared === 0); next = waiting[0]) {
      waiting.shift();
      held.set(next.socket, next.alone);
      if (next.alone) alone = true;
      else shared++;
      next.socket.write('1');
    }
  };
  const server = createServer((socket) => {
    socket.once('data', (mode) => {
      waiting.push({ socket, alone: mode.toString() === 'a' });
      grant();
    });
    socket.on('error', () => socket.destroy());
    socket.on('close', () => {
      const index = waiting.findIndex((request) => request.socket === socket);
      if (index >= 0) waiting.splice(index, 1);
      if (held.has(socket)) {
        if (held.get(socket)) alone = false;
        else shared--;
        held.delete(socket);
      }
      grant();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  const close = () => {
    for (const socket of [...held.keys(), ...waiting.map((request) => request.socket)]) socket.destroy();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return { port, waiting: () => waiting.length, close };
}

/** Takes the run lock (alone, or beside other files); resolves with its release once granted. */
export function holdRunLock(port: number, alone: boolean, timeoutMs: number): Promise<() => void> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`the end-to-end run lock was not granted within ${timeoutMs / 1000} s`));
    }, timeoutMs);
    socket.once('connect', () => socket.write(alone ? 'a' : 's'));
    socket.once('data', () => {
      clearTimeout(timer);
      resolve(() => socket.destroy());
    });
    socket.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}
