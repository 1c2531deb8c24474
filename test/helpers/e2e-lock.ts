import { afterAll, expect, inject } from 'vitest';
import { holdRunLock, runsAlone } from './e2e-alone.ts';

// The end-to-end project's setup file: before the file's first module loads, the run lock
// (e2e-alone.ts), alone for a file that times Chromium, shared for any other; released after the
// file. Taken here, not in a hook, so that the wait for a file beside it to end counts against no
// hook's timeout (bounded by its own: the longest file takes a minute on a loaded machine).
const release = await holdRunLock(inject('e2eLockPort'), runsAlone(expect.getState().testPath ?? ''), 15 * 60_000);
afterAll(release);
