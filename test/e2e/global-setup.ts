import { build } from 'vite';
import { rm } from 'node:fs/promises';
import { BUILD_DIR } from '../helpers/paths.ts';

/**
 * Builds the app once, exactly as `npm run build` does, for every end-to-end test to serve. Vitest
 * sets NODE_ENV=test, and Vite (with the Svelte plugin) builds for development unless NODE_ENV is
 * production: Svelte's dev-mode checks and component tags in every chunk, not what ships. So the
 * build runs with NODE_ENV=production, as a shell's `npm run build` does, and the tests' own is put back.
 */
export default async function setup(): Promise<void> {
  await rm(BUILD_DIR, { recursive: true, force: true });
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ logLevel: 'warn', mode: 'production', build: { outDir: BUILD_DIR, emptyOutDir: true } });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
}
