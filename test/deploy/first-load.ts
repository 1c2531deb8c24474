/**
 * Which modules a first visit needs, for the build's chunking (vite.config.ts): the boot's static
 * import graph, with Svelte's runtime counted by what the code actually calls.
 *
 * Every compiled component does `import * as $ from 'svelte/internal/client'`, a barrel that
 * re-exports the whole runtime. Followed as a plain import graph, the barrel makes every runtime
 * module (`<select>` bindings, `{@html}`, `<svelte:element>`, ...) look needed by the first screen as
 * soon as any lazy screen uses it, and the boot chunk carried them all. Here an import of the barrel
 * is replaced by the modules that define the names the importer takes from it (`$.each`, `{ get }`),
 * so the runtime a lazy screen alone uses is chunked with that screen.
 */
import { dirname, resolve } from 'node:path';

/** The part of Rolldown's module info this reads. */
export interface ModuleFacts {
  code: string | null;
  importedIds: readonly string[];
}
export type ModuleLookup = (id: string) => ModuleFacts | null;

/**
 * A store's screen for a returning visitor, built as one chunk (vite.config.ts) and counted by the
 * bench (test/bench/bytes.ts): the catalogue, the store's bar and tabs, the code that builds a
 * store's client and the API client, with the modules they share: one request and one gzip window
 * instead of a dozen small chunks. A platform's adapter stays in its own chunk (a store of another
 * kind never loads it), as does anything another screen imports dynamically; screens other than
 * the catalogue import the shared modules from this chunk.
 */
export const STORE_SCREEN = [
  'src/lib/components/views/CatalogView.svelte',
  'src/lib/components/StoreNav.svelte',
  'src/lib/components/StoreBar.svelte',
  // The door to the failure parts (FAILURE_PARTS): the shell's banners and a boot that failed load them through it.
  'src/lib/components/failure-parts.ts',
  // The store APIs every store screen reads: loaded with the first of them (apis-port.svelte.ts).
  'src/lib/state/apis.svelte.ts',
  'src/lib/state/store-clients.ts',
  'src/lib/api/client.ts',
  // What every platform's adapter maps its answers with: in the chunk already on its way when the
  // adapter loads, rather than three more requests after it.
  'src/lib/providers/wire.ts',
  'src/lib/providers/money.ts',
  'src/lib/sanitize/safe-url.ts',
] as const;

/**
 * The store screens' parts for what goes wrong or comes back empty (failure-parts.ts): the banners,
 * a read's error and the empty list's words. No part of the store screen's chunk, which a returning
 * visitor's first cards wait for: one chunk of their own (vite.config.ts, 'failure-parts'), with
 * what they alone import, fetched as those cards are drawn. What they share with other code stays
 * in the store screen's chunk, and what they share with the first screen's view in the boot.
 */
export const FAILURE_PARTS = [
  'src/lib/components/Banners.svelte',
  // A boot that failed imports it from here too (App.svelte).
  'src/lib/components/ErrorPanel.svelte',
  'src/lib/components/AccessError.svelte',
  'src/lib/components/NoProducts.svelte',
] as const;

/**
 * What the first screen loads on demand: the stores list's credentials forms (when config.json
 * names such a store), the words for a sign-in that failed, the page for a broken config.json.
 * What they share with the store screen (the words for errors, Svelte's input bindings) is a chunk
 * of its own (vite.config.ts, 'shared'): none of them loads the whole store screen's chunk for it
 * (19 KB gzip with its CSS). A boot that failed still takes ErrorPanel from the store screen's
 * chunk: with it in 'shared', its CSS made a file of its own on every returning visit.
 */
export const FIRST_SCREEN_PARTS = [
  'src/lib/components/ConnectWithCredentials.svelte',
  'src/lib/components/CallbackError.svelte',
  'src/lib/components/views/ConfigErrorView.svelte',
] as const;

/**
 * What a store's screens share with a part of the stores list that loads later (connection-summary.ts,
 * a connected store's line): a chunk of its own, not the store screen's, which that part would
 * then load whole (store-capabilities.ts, with the scope-to-capability mapping it reads).
 */
export const LIST_AND_STORE = ['src/lib/state/store-capabilities.ts', 'src/lib/providers/capabilities.ts'] as const;

/**
 * Modules of the store screen that the code flow's chunk and the seam's door import too, put in
 * 'shared' (vite.config.ts), which both already load, rather than in the store screen's chunk: the
 * one wrap of every request's time limit (its three users: the store API's clients, the connectors'
 * token requests, oidc-client-ts's). In the store screen's chunk, a callback's token exchange and a
 * first pasted key's connection each waited for all 22 KB of it first.
 */
export const SHARED_TOO = ['src/lib/oauth/fetch-giving-up.ts'] as const;

/**
 * The seam's door (loaded at boot when config.json names a store on the seam and the vault holds a
 * record of one, Session.load; else with the first connection) and what it loads at once to list the
 * saved connections (StoreConnections' #load): one chunk (vite.config.ts) rather than the door and
 * then three more. single-use-store.ts, which the Goodsie sign-in's pending store uses too, keeps
 * its own chunk.
 */
export const SEAM_LIST = [
  'src/lib/state/store-connections.ts',
  'src/lib/auth/connections.ts',
  // The connectors' token fetch that gives up (connections.ts only, since store API requests have
  // their own time limit, api/time-limit.ts): alone, Rolldown made it a chunk of its own, one more
  // name in the boot's list of chunks (8 bytes over the first-load guard).
  'src/lib/connect/token-timeout.ts',
  'src/lib/storage/credential-vault.ts',
  'src/lib/providers/loaders.ts',
] as const;

/**
 * The AuthService with the renewals' retry, which a saved session loads at once beside it
 * (Session.load), as does a finished sign-in (Session.accept): one chunk (vite.config.ts), one
 * request and one gzip window rather than two. With where it keeps sessions (the session store and
 * the token vault's reading and writing of one record): the boot only lists them
 * (vault-listing.ts); a chunk of their own would be one more request beside this one.
 */
export const AUTH_CODE = [
  'src/lib/auth/auth-service.ts',
  'src/lib/auth/grant-revocation.ts',
  'src/lib/auth/renewal-errors.ts',
  'src/lib/auth/renewal-retry.ts',
  'src/lib/auth/session-store.ts',
  'src/lib/storage/token-vault.ts',
  // A write refused for want of space (the session store's, the seam's connections'): no chunk of its own.
  'src/lib/storage/storage-full.ts',
] as const;

/**
 * Reading the saved records (vault-records.ts, with vault-record.ts and credential-origins.ts, which
 * the vaults share) and the sealing that opens and writes them (sealed-store.ts, which kv.ts loads
 * with the first secret read or written): one chunk
 * (vite.config.ts), which a returning visitor asks for as soon as storage proves to be an earlier
 * visit's (LazyAuth.openStorage), and a first visit only once it keeps a secret.
 */
export const RECORD_READING = [
  'src/lib/storage/vault-records.ts',
  'src/lib/storage/vault-record.ts',
  'src/lib/connect/credential-origins.ts',
  'src/lib/storage/sealed-store.ts',
] as const;

const BARREL = /[\\/]node_modules[\\/]svelte[\\/]src[\\/]internal[\\/]client[\\/]index\.js$/;

export function isSvelteBarrel(id: string): boolean {
  return BARREL.test(id);
}

/** The barrel's export map: exported name -> id of the module that defines it. */
export function barrelExports(barrelId: string, code: string): Map<string, string> {
  const names = new Map<string, string>();
  for (const match of code.matchAll(/export\s*\{([^}]*)\}\s*from\s*['"]([^'"]+)['"]/g)) {
    const from = resolve(dirname(barrelId), match[2]!);
    for (const part of match[1]!.split(',')) {
      const [local, exported] = part.trim().split(/\s+as\s+/);
      if (local) names.set((exported ?? local).trim(), from);
    }
  }
  return names;
}

const escape = (text: string): string => text.replace(/[$]/g, '\\$');

/**
 * The names `code` takes from the runtime barrel: members of a namespace import
 * (`import * as $ from 'svelte/internal/client'` then `$.each`) and named imports. Undefined when it
 * imports the barrel in a way this cannot read (then the whole barrel counts as needed).
 */
export function namesFromBarrel(code: string): Set<string> | undefined {
  const names = new Set<string>();
  const from = String.raw`\s*from\s*['"](?:svelte/internal/client|[./]+(?:internal/client/)?index\.js)['"]`;
  for (const match of code.matchAll(new RegExp(String.raw`import\s*\*\s*as\s*([\w$]+)` + from, 'g'))) {
    for (const member of code.matchAll(new RegExp(String.raw`(?<![\w$.])${escape(match[1]!)}\.([\w$]+)`, 'g'))) names.add(member[1]!);
  }
  for (const match of code.matchAll(new RegExp(String.raw`import\s*\{([^}]*)\}` + from, 'g'))) {
    for (const part of match[1]!.split(',')) {
      const name = part.trim().split(/\s+as\s+/)[0];
      if (name) names.add(name);
    }
  }
  return names.size > 0 ? names : undefined;
}

/**
 * The modules reachable from `from` by static imports, with imports of the Svelte runtime barrel
 * narrowed to the modules defining the names taken from it. Bounded: each id is visited once.
 */
export function neededModules(lookup: ModuleLookup, from: string): Set<string> {
  const seen = new Set<string>();
  const queue = [from];
  let barrel: Map<string, string> | undefined;
  const exportsOf = (id: string): Map<string, string> => (barrel ??= barrelExports(id, lookup(id)?.code ?? ''));
  while (queue.length > 0) {
    const id = queue.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    const info = lookup(id);
    for (const imported of info?.importedIds ?? []) {
      if (!isSvelteBarrel(imported)) {
        queue.push(imported);
        continue;
      }
      const names = namesFromBarrel(info?.code ?? '');
      const defining = exportsOf(imported);
      if (names === undefined) {
        // Not readable: count the whole barrel, as a plain import graph would.
        queue.push(imported);
        continue;
      }
      // A name the barrel does not export is not taken from it (`$.x` matched in other code).
      for (const name of names) if (defining.has(name)) queue.push(defining.get(name)!);
    }
  }
  return seen;
}
