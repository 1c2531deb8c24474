import { build } from 'vite';
import { rm } from 'node:fs/promises';
import { chromium } from 'playwright-core';
import type { TestProject } from 'vitest/node';
import { BUILD_DIR } from '../helpers/paths.ts';
import { CHROMIUM_ARGS, chromiumPath } from '../helpers/browser.ts';
import { startRunLock } from '../helpers/e2e-alone.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The end-to-end run's one Chromium (see below): each file connects to it. */
    chromiumEndpoint: string;
    /** The run lock's port (e2e-alone.ts): which files may run beside which. */
    e2eLockPort: number;
  }
}

/**
 * Builds the app once, exactly as `npm run build` does, for every end-to-end test to serve. Vitest
 * sets NODE_ENV=test, and Vite (with the Svelte plugin) builds for development unless NODE_ENV is
 * production: Svelte's dev-mode checks and component tags in every chunk, not what ships. So the
 * build runs with NODE_ENV=production, as a shell's `npm run build` does, and the tests' own is put back.
 *
 * And launches Chromium once for the whole run, as a Playwright browser server that each file
 * connects to (e2e-fixture.ts, connectChromium): a launch and close per file cost 1-2 s of the run's
 * two cores each, some forty files. Each file still has browser contexts of its own (fresh
 * storage, cookies, IndexedDB), and a file's contexts are closed when it disconnects.
 *
 * And serves the run lock (e2e-alone.ts) that keeps the files that time Chromium alone.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await chromium.launchServer({ executablePath: chromiumPath(), args: CHROMIUM_ARGS, headless: true, host: '127.0.0.1' });
  try {
    await rm(BUILD_DIR, { recursive: true, force: true });
    const nodeEnv = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      await build({ logLevel: 'warn', mode: 'production', build: { outDir: BUILD_DIR, emptyOutDir: true } });
    } finally {
      process.env.NODE_ENV = nodeEnv;
    }
  } catch (error) {
    await server.close();
    throw error;
  }
  const lock = await startRunLock();
  project.provide('chromiumEndpoint', server.wsEndpoint());
  project.provide('e2eLockPort', lock.port);
  return async () => {
    await server.close();
    await lock.close();
  };
}
