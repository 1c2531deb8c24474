import { mount } from 'svelte';
import App from './App.svelte';
import { LazyAuth } from './lib/auth/auth-port.ts';
import type { CapturedRedirect } from './lib/oauth/callback.ts';

/**
 * Mounts the app, handing it the callback main.ts took out of the URL (if any), its config.json
 * request, and storage opening (on the database main.ts began to open) with the saved sessions
 * being read: these need no config, so they start before the app is built rather than after
 * config.json is checked.
 */
export function boot(captured: CapturedRedirect | null, config: Promise<Response>, database?: Promise<IDBDatabase>): void {
  const target = document.getElementById('app');
  if (!target) return;
  const storage = LazyAuth.openStorage(database);
  const saved = LazyAuth.listSaved(storage);
  // Rendered in the next microtask: storage's first reads (queued just now, on a database usually
  // open by this time) reach IndexedDB before the app's first render, not after it (~30 ms later).
  queueMicrotask(() => mount(App, { target, props: { captured, config, storage, saved } }));
}
