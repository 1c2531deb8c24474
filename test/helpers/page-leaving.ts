import { vi } from 'vitest';

/**
 * Runs `test` with the global scope standing in for a page's window as far as unload-guard.ts looks
 * (addEventListener and removeEventListener on an EventTarget), handing it `leavingAsks`: whether
 * leaving the page now would ask first (a cancelable beforeunload that a handler cancels).
 */
export async function onAPage(test: (leavingAsks: () => boolean) => Promise<void>): Promise<void> {
  const page = new EventTarget();
  vi.stubGlobal('addEventListener', page.addEventListener.bind(page));
  vi.stubGlobal('removeEventListener', page.removeEventListener.bind(page));
  try {
    await test(() => !page.dispatchEvent(new Event('beforeunload', { cancelable: true })));
  } finally {
    vi.unstubAllGlobals();
  }
}
