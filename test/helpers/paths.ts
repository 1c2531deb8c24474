import { fileURLToPath } from 'node:url';

export const ROOT_DIR = fileURLToPath(new URL('../..', import.meta.url));
/** Where the end-to-end tests' build goes (not dist/, which belongs to the person). */
export const BUILD_DIR = fileURLToPath(new URL('../../.test-artifacts/dist', import.meta.url));
export const SCREENSHOT_DIR = fileURLToPath(new URL('../../.test-artifacts/screenshots', import.meta.url));
