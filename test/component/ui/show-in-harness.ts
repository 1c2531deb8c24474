/**
 * Renders one component in Harness.svelte for a stub session (test/helpers/stub-session.ts): no store
 * APIs, a fresh Router. For tests of what a screen says, not of what it asks of the store.
 */
import { render } from '@testing-library/svelte';
import type { Component } from 'svelte';
import type { StoreApis } from '../../../src/lib/state/apis.svelte.ts';
import { Router } from '../../../src/lib/state/router.svelte.ts';
import type { Session } from '../../../src/lib/state/session.svelte.ts';
import Harness from './Harness.svelte';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function show(session: Session, component: Component<any>, props: Record<string, unknown> = {}): void {
  render(Harness, { props: { session, apis: {} as StoreApis, router: new Router(), component, props: () => props } });
}
