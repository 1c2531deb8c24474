import { mount } from 'svelte';
import { loadConfig } from './lib/config/load-config.ts';
import App from './App.svelte';
import { LazyAuth } from './lib/auth/auth-port.ts';
import type { CapturedRedirect } from './lib/oauth/callback.ts';

/**
 * Mounts the app, handing it the callback main.ts took out of the URL (if any), config.json being read
 * and checked (main.ts sent its request), and storage opening (on the database main.ts began to
 * open) with the saved sessions being read: all begin before the app is built, not after.
 */
export function boot(captured: CapturedRedirect | null, config: Promise<Response>, database?: Promise<IDBDatabase>): void {
  const target = document.getElementById('app');
  if (!target) return;
  const storage = LazyAuth.openStorage(database);
  // Read and checked as soon as its body is in, not once the app has mounted (the mount is one long
  // task, and config.json's body had usually arrived before or during it).
  const checked = loadConfig(window.fetch.bind(window), 'config.json', config);
  checked.catch(() => undefined); // App shows the failure
  const saved = LazyAuth.listSaved(storage, checked);
  // Rendered in the next microtask: storage's first reads (queued just now, on a database usually
  // open by this time) reach IndexedDB before the app's first render, not after it (~30 ms later).
  queueMicrotask(() => {
    target.replaceChildren(); // index.html's words for an app that never started
    mount(App, { target, props: { captured, config: checked, storage, saved } });
  });
}
