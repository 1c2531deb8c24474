import { build } from 'vite';
import { rm } from 'node:fs/promises';
import { BUILD_DIR } from '../helpers/paths.ts';

/** Builds the app once, exactly as `npm run build` does, for every end-to-end test to serve. */
export default async function setup(): Promise<void> {
  await rm(BUILD_DIR, { recursive: true, force: true });
  await build({ logLevel: 'warn', build: { outDir: BUILD_DIR, emptyOutDir: true } });
}
