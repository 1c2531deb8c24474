/**
 * The shell's loadScreen (view-loaders.ts): a screen whose code (and, for a store's screen, the
 * store APIs) is already in is given at once, not as a promise, so that the shell's {#await} draws
 * it in the same pass instead of showing its loading line and waiting a task (a returning visitor's
 * catalogue, whose code the boot notes as in). This file's own module graph: no screen loaded yet.
 */
import { describe, expect, it } from 'vitest';
import { loadScreen, preloadView } from '../../../src/lib/components/view-loaders.ts';
import CouponsView from '../../../src/lib/components/views/CouponsView.svelte';
import HomeView from '../../../src/lib/components/views/HomeView.svelte';

const apis = (loaded: boolean) => ({ load: () => Promise.resolve(), isLoaded: () => loaded });

describe('loadScreen', () => {
  it('gives a promise until the screen’s code is in, then the screen itself; a store’s screen waits for the store APIs too', async () => {
    const first = loadScreen('coupons', apis(true));
    expect(first).toBeInstanceOf(Promise);
    expect(await first).toEqual({ name: 'coupons', view: CouponsView });
    expect(loadScreen('coupons', apis(true))).toEqual({ name: 'coupons', view: CouponsView });
    // The store APIs still on their way: a promise again, which waits for them.
    expect(loadScreen('coupons', apis(false))).toBeInstanceOf(Promise);
  });

  it('notes the code preloadView loads; a screen that calls no store needs no store APIs', async () => {
    expect(loadScreen('home', apis(false))).toBeInstanceOf(Promise);
    await preloadView({ name: 'home' });
    expect(loadScreen('home', apis(false))).toEqual({ name: 'home', view: HomeView });
  });
});
