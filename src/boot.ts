import { mount } from 'svelte';
import App from './App.svelte';
import type { CapturedRedirect } from './lib/oauth/callback.ts';

/** Mounts the app, handing it the callback main.ts took out of the URL (if any) and its config.json request. */
export function boot(captured: CapturedRedirect | null, config: Promise<Response>): void {
  const target = document.getElementById('app');
  if (target) mount(App, { target, props: { captured, config } });
}
