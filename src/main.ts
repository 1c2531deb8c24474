import { captureRedirect } from './lib/oauth/callback.ts';
import { requestConfig } from './lib/config/request-config.ts';
import { openDatabaseEarly } from './lib/storage/open-database.ts';
import './app.css';

// First thing, before any other code of ours runs: take an OAuth callback out of the address bar,
// so that no token, code or state stays in the URL, the history or a Referer. This entry stays tiny
// (the callback parser only) so that it runs as early as possible; the app loads after the scrub.
const captured = captureRedirect(location.href);
if (captured) {
  history.replaceState(null, '', captured.cleanHref);
  captured.receivedAt = Date.now();
}

// Then config.json is asked for, so that it travels while the app's code downloads.
const config = requestConfig(window.fetch.bind(window));
config.catch(() => undefined);

// And storage begins to open (a returning visitor's session is read from it before anything is asked
// of the store): a cold IndexedDB open takes longer than the boot chunk's download and start.
const database = openDatabaseEarly();

// Its code not downloaded (offline, or the site replaced since this page was fetched): said in
// plain DOM (no Svelte yet), never an empty page. The import is a statement of its own and its
// module is not destructured: `import(…).then(({ boot }) => …)` made Vite wrap the import in an
// async function that destructures it once more, and `import(…).then(m => …, failed)` moved both
// callbacks inside Vite's preload wrapper (a failed CSS preload would then go unsaid); this is 22 B
// less of the entry, same steps.
const app = import('./boot.ts');
void app.then(
  (loaded) => loaded.boot(captured, config, database),
  () => {
    const words = 'Part of this app could not be loaded. Check your connection, then reload the page.';
    document.getElementById('app')?.replaceChildren(Object.assign(document.createElement('p'), { role: 'alert', className: 'boot-unavailable', textContent: words }));
  },
);
