import { vi } from 'vitest';

/**
 * How long a test's waits for something to happen wait before failing (findBy*, eventually(),
 * vi.waitFor). Screens, the API client and the sign-in code load on demand, and on a loaded 2-core
 * machine the first such import (transformed on the spot) can take longer than the 1 s default.
 */
export const WAIT_MS = 5000;

// vi.waitFor given no timeout waits as long too (its own default is 1 s): a wait for a screen whose code
// is imported on the spot failed once at 1 s in a full run beside other work (pasted-key-words). A wait
// that names its own timeout keeps it.
const waitFor = vi.waitFor;
vi.waitFor = ((check: Parameters<typeof waitFor>[0], options?: Parameters<typeof waitFor>[1]) =>
  waitFor(check, typeof options === 'number' ? options : { timeout: WAIT_MS, ...options })) as typeof waitFor;

// A test gets time for a few such waits, so that one that fails says what it was waiting for.
vi.setConfig({ testTimeout: 4 * WAIT_MS });
