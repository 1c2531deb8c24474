/**
 * What the browser itself costs on this machine, measured the way the app's figures are, so that a
 * budget can be read against it: an empty page's start in a new tab (the floor under the warm
 * start), and a trivial DOM change to "painted" by the probe's definition (the floor under the
 * search budget: the wait for the next frame, the frame, the task after it).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { startStaticServer, type StaticServer } from '../helpers/static-server.ts';
import { AFTER_PAINT_JS } from './probes.ts';

/** The empty page: one module script (as the app's entry is) that adds one line and notes when it is painted. */
const FLOOR_HTML = '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>floor</title><script type="module" src="./floor.js"></script></head><body></body></html>';
const FLOOR_JS = `const line = document.createElement('p');
line.textContent = 'ready';
document.body.append(line);
(${AFTER_PAINT_JS})((at) => { window.__floorPainted = at; });
`;

export interface EmptyPage {
  /** Opens the empty page in a new tab of `context`; navigation start to its line painted, in ms. */
  time(context: BrowserContext): Promise<number>;
  close(): Promise<void>;
}

/** Serves the empty page from a local static server, as the app's files are served. */
export async function serveEmptyPage(): Promise<EmptyPage> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-floor-'));
  writeFileSync(join(dir, 'index.html'), FLOOR_HTML);
  writeFileSync(join(dir, 'floor.js'), FLOOR_JS);
  const server: StaticServer = await startStaticServer({ root: dir, basePath: '/floor/' });
  return {
    async time(context) {
      const page = await context.newPage();
      try {
        await page.goto(server.url);
        const handle = await page.waitForFunction(() => (window as unknown as { __floorPainted?: number }).__floorPainted ?? null, null, { timeout: 10_000, polling: 20 });
        return (await handle.jsonValue()) as number;
      } finally {
        await page.close();
      }
    },
    async close() {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * In `page` as it is: `samples` times, one word of an element of our own changed at a random moment
 * (so at a random point of the frame), and the time to "painted" as the probe defines it (the
 * task after the next animation frame). Each loop is bounded by `samples`.
 */
export function timeTrivialPaints(page: Page, samples = 20): Promise<number[]> {
  // Plain JavaScript in a string (as probes.ts does): a function would be serialised from tsx's
  // output, which names functions through a helper that does not exist in the page.
  return page.evaluate(`new Promise((done) => {
    const times = [];
    const mark = document.createElement('span');
    mark.setAttribute('aria-hidden', 'true');
    document.body.append(mark);
    let left = ${Math.max(1, Math.floor(samples))};
    const step = () => {
      const changed = performance.now();
      mark.textContent = String(left);
      (${AFTER_PAINT_JS})((at) => {
        times.push(at - changed);
        left -= 1;
        if (left > 0) setTimeout(step, 20 + Math.random() * 40);
        else { mark.remove(); done(times); }
      });
    };
    step();
  })`) as Promise<number[]>;
}
