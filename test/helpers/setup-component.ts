import 'fake-indexeddb/auto';
import './load-profiles.ts';
import '@testing-library/jest-dom/vitest';
import { configure } from '@testing-library/svelte';
import { WAIT_MS } from './patient-waits.ts';

configure({ asyncUtilTimeout: WAIT_MS });

// jsdom lays nothing out, and has no Element.scrollIntoView (AddToCart brings an add's outcome into
// view with it): there is no place to scroll to, so it does nothing here. The scrolling itself is
// Chromium's, checked end to end (test/e2e/cart-add-in-view.test.ts).
Element.prototype.scrollIntoView ??= function scrollIntoView(): void {};
