/**
 * The app's door to the seam (auth/connections.ts) for the kinds that run on it (every kind but
 * Goodsie, whose flows are in auth/auth-service.ts): list their saved credentials at start, connect
 * with a credentials form (probing what the credential may do before anything is stored), sign a
 * request, handle a 401, forget; and for redirect kinds (FlickRocket) begin a redirect and complete its
 * callback through the one single-use store of sign-ins in flight. Connections, the v2 vault, the
 * transport and the platform's
 * connector and adapter load on first use, so a deployment of Goodsie stores only carries none of it.
 */
import type { CapturedCallback, PendingSignIn } from '../connect/connector.ts';
import type { Credential } from '../connect/credential.ts';
import type { CapturedRedirect } from '../oauth/callback.ts';
import type { AppConfig, StoreConfig } from '../config/types.ts';
import { runsOnSeam } from '../connect/store-config.ts';
import type { Capability } from '../domain/capability.ts';
import { AppError } from '../oauth/errors.ts';
import { arrivalAddress, bindingOf, checkCallbackBinding, parseBinding, type SignInBinding } from '../oauth/mix-up.ts';
import type { AuthEvent } from '../auth/auth-service.ts';
import { getProvider } from '../providers/registry.ts';
import type { KeyValueStore } from '../storage/kv.ts';
import type { Connections, ConnectionsDeps } from '../auth/connections.ts';
import type { SignOuts } from '../auth/sign-outs.ts';
import type { CredentialVault } from '../storage/credential-vault.ts';
import type { SingleUseStore } from '../storage/single-use-store.ts';

export interface StoreConnectionsDeps {
  config: AppConfig;
  fetch: typeof fetch;
  /** The same (sealed) key-value store the Goodsie token vault uses: v2 records sit on the same keys. */
  store: KeyValueStore;
  now?: () => number;
  withLock?: <T>(name: string, task: () => Promise<T>) => Promise<T>;
  /** The AuthService's sign-outs: forget takes the store's lock, leaves the marker and tells the other tabs. */
  signOuts?: SignOuts;
  /** A renewal here granted other scopes than the credential it renewed (Connections' onRegranted). */
  onRegranted?: (credential: Credential) => void;
  /**
   * What the screens learn of the seam's connections, told as the AuthService tells Goodsie's (its
   * AuthEvent): a renewal that failed for a passing reason or went through (Connections'
   * onRenewalUnavailable, onRenewed), a credential storage refused to write, kept in memory for this
   * tab, and saved after all (onWriteFailed, onSaved). One callback: the Session hears both alike.
   */
  onEvent?: (event: AuthEvent) => void;
  /**
   * This tab's own marks (on sessionStorage by default, auth/tab-marks.ts; null:
   * none), where a redirect begun here is marked: a callback without `state` is taken only in the
   * tab that began its sign-in.
   */
  tab?: KeyValueStore | null;
}

/** The mark, among the tab's own, of the redirect begun there for a page: its state. */
const TAB_MARK = 'seam-tab:';

interface Loaded {
  connections: Connections;
  vault: CredentialVault;
  /** Redirects in flight, one per redirect URI (FlickRocket may not echo `state`: see redirectSlot). */
  pending: SingleUseStore<PendingSignIn>;
  loaders: typeof import('../providers/loaders.ts');
}

/**
 * The key of a redirect in flight: the page the store sends the person back to (its redirectUri),
 * not the `state`, which FlickRocket may not echo. A callback finds its record by the page it lands
 * on; the latest sign-in started for that page wins (platforms.md 3.5: one redirectUri per store).
 */
export function redirectSlot(href: string): string {
  const url = new URL(href);
  url.hash = '';
  url.search = '';
  url.pathname = url.pathname.replace(/index\.html$/, '');
  return url.href;
}

/** A record deleted as damaged (listed in `discarded`). */
const DAMAGED: unique symbol = Symbol('damaged');

export class StoreConnections {
  readonly #deps: StoreConnectionsDeps;
  #loaded: Promise<Loaded> | undefined;
  #marks: Promise<KeyValueStore | null> | undefined;

  constructor(deps: StoreConnectionsDeps) {
    this.#deps = deps;
  }

  /** This tab's own marks (StoreConnectionsDeps.tab), opened once. */
  #tabMarks(): Promise<KeyValueStore | null> {
    const { tab, now } = this.#deps;
    return (this.#marks ??=
      tab !== undefined ? Promise.resolve(tab) : import('../auth/tab-marks.ts').then((m) => m.openTabMarks(now ?? Date.now)).catch(() => null));
  }

  #load(): Promise<Loaded> {
    const { config, fetch, store, now, withLock, signOuts, onRegranted, onEvent } = this.#deps;
    return (this.#loaded ??= Promise.all([
      import('../auth/connections.ts'),
      import('../storage/credential-vault.ts'),
      import('../providers/loaders.ts'),
      import('../storage/single-use-store.ts'),
    ]).then(
      ([{ Connections }, { CredentialVault }, loaders, { SingleUseStore }]) => {
        // No v1 record can exist for a seam store (v1 was Goodsie's); the mode is never used. A
        // record of another platform or other servers than config.json now names is discarded (storeOf).
        const vault = new CredentialVault(store, { v1Mode: () => 'implicit', storeOf: (id) => config.stores.find((s) => s.id === id) });
        const pending = new SingleUseStore<PendingSignIn>(store, 'seam-pending:', { now: now ?? Date.now, parse: parsePending });
        const connections = new Connections({
          config,
          fetch,
          vault,
          loadConnector: loaders.loadConnector,
          savePending: async (record) => {
            const target = config.stores.find((s) => s.id === record.storeId);
            const binding = target && redirectBinding(target);
            if (!target || !binding) throw new AppError('CONFIG_INVALID', 'this store has no redirectUri', { storeId: record.storeId });
            await pending.sweep();
            const slot = redirectSlot(binding.redirectUri);
            await pending.put(slot, { ...record, binding }, record.createdAt);
            // FlickRocket may not echo `state`: the tab that began the sign-in is marked, so that an
            // answer without one is taken only there (not one another site opens in a new tab).
            // No mark (no storage of the tab's own): such an answer is refused; one with state still checks.
            await (await this.#tabMarks())?.set(TAB_MARK + slot, record.state).catch(() => undefined);
          },
          probe: (target, credential) => probeWith(target, credential.mode, fetch, loaders, { fresh: credential }),
          ...(now ? { now } : {}),
          ...(withLock ? { withLock } : {}),
          ...(signOuts ? { signOuts } : {}),
          ...(onRegranted ? { onRegranted } : {}),
          ...(onEvent
            ? {
                onWriteFailed: (storeId, why, saveAgain) => onEvent({ type: 'storage-write-failed', storeId, why, saveAgain }),
                onSaved: (storeId) => onEvent({ type: 'storage-saved', storeId }),
                onRenewalUnavailable: (storeId) => onEvent({ type: 'renewal-unavailable', storeId }),
                onRenewed: (storeId) => onEvent({ type: 'renewed', storeId }),
              } satisfies Partial<ConnectionsDeps>
            : {}),
        });
        return { vault, connections, pending, loaders };
      },
    ));
  }

  /**
   * The saved credentials of the seam stores, all at once; damaged records are deleted and listed in
   * `discarded`. `listed`: the records as the vault's listing read them (by store id), checked
   * without reading them again; omitted, each is read.
   */
  async list(listed?: ReadonlyMap<string, unknown>): Promise<{ credentials: Credential[]; discarded: string[] }> {
    const ids = this.#deps.config.stores.filter((s) => runsOnSeam(s.kind)).map((s) => s.id);
    const credentials: Credential[] = [];
    const discarded: string[] = [];
    if (ids.length === 0) return { credentials, discarded };
    const { vault } = await this.#load();
    const read = await Promise.all(
      ids.map((id) => (listed ? vault.fromListed(id, listed.get(id)) : vault.get(id)).catch((): typeof DAMAGED => DAMAGED)),
    );
    read.forEach((credential, i) => {
      if (credential === DAMAGED) discarded.push(ids[i]!);
      else if (credential) credentials.push(credential);
    });
    return { credentials, discarded };
  }

  async connect(storeId: string, mode: string, values: Readonly<Record<string, string>>): Promise<Credential> {
    return (await this.#load()).connections.connect(storeId, mode, values);
  }

  /**
   * The consent page's URL of the store's redirect mode, asking for its default scopes, those
   * `granted` and `scopes`; the pending record is durable first. Does not navigate. Refused without
   * persistent storage: in memory, a rotating refresh token (FlickRocket) would die with the tab.
   */
  async beginRedirect(storeId: string, request: { scopes?: string[]; returnTo?: string; granted: readonly string[]; persistent: boolean }): Promise<URL> {
    const store = this.#deps.config.stores.find((s) => s.id === storeId);
    const mode = store && getProvider(store.kind).modesOf(store).find((m) => m.style === 'redirect');
    if (!store || !mode) throw new AppError('CONFIG_INVALID', 'this store does not connect by redirect', { storeId });
    if (!request.persistent) throw new AppError('STORAGE_NOT_PERSISTENT', 'this platform needs storage that survives the tab', { storeId });
    const defaults = 'defaultScopes' in store ? store.defaultScopes : [];
    const scopes = [...new Set([...defaults, ...request.granted, ...(request.scopes ?? [])])];
    return (await this.#load()).connections.beginRedirect(storeId, mode.id, { scopes, returnTo: request.returnTo ?? '/' });
  }

  /**
   * Whether a query callback landing on `pageHref` answers a redirect of a seam kind: FlickRocket's
   * `companyid`, no `state` at all (FlickRocket does not echo it), or the state of the record waiting
   * for this page. Goodsie's code flow always has a state of its own.
   */
  async claims(captured: CapturedRedirect, pageHref: string): Promise<boolean> {
    if (captured.responseMode !== 'query') return false;
    const params = captured.params;
    if (params.has('companyid') || !params.has('state')) return true;
    const found = await (await this.#load()).pending.peek(redirectSlot(pageHref));
    return found.status === 'fresh' && params.getAll('state').includes(found.value.state);
  }

  /**
   * Completes the callback on `pageHref` (null when it is not one of ours, see `claims`) with the
   * record waiting for that page, taken once:
   * OAUTH_STATE_MISMATCH without one, OAUTH_STATE_REUSED for a replay, OAUTH_STATE_EXPIRED after
   * 10 minutes; a malformed callback voids the record. Stores the credential only on success.
   */
  async completeRedirect(captured: CapturedRedirect, pageHref: string): Promise<{ credential: Credential; returnTo: string; asked: readonly string[] } | null> {
    if (!(await this.claims(captured, pageHref))) return null;
    const { connections, pending } = await this.#load();
    const slot = redirectSlot(pageHref);
    const states = captured.params.getAll('state');
    const waiting = await pending.peek(slot);
    // A state is the waiting record's or a forgery (security case 2, claimed here for its companyid):
    // refused before the record is taken, so that a forged callback cannot burn the person's sign-in.
    if (states.length > 0 && waiting.status === 'fresh' && !states.includes(waiting.value.state)) {
      throw new AppError('OAUTH_STATE_MISMATCH', 'the response state is not the waiting sign-in’s');
    }
    // Without `state`, only the tab that began the sign-in may answer it: one another site opened
    // (a login CSRF with its own code) is refused, and the sign-in still waits for its own tab.
    if (states.length === 0 && waiting.status === 'fresh') {
      const mark = await (await this.#tabMarks())?.get(TAB_MARK + slot).catch(() => undefined);
      if (mark !== waiting.value.state) {
        throw new AppError('OAUTH_OTHER_TAB', 'the sign-in waiting for this page was begun in another tab', { storeId: waiting.value.storeId });
      }
    }
    const found = await pending.take(slot);
    await (await this.#tabMarks())?.del(TAB_MARK + slot).catch(() => undefined);
    if (found.status === 'used') throw new AppError('OAUTH_STATE_REUSED', 'this sign-in response was already used');
    if (found.status === 'expired') throw new AppError('OAUTH_STATE_EXPIRED', 'this sign-in took too long');
    if (found.status === 'missing') throw new AppError('OAUTH_STATE_MISMATCH', 'no sign-in is waiting for this response');
    const record = found.value;
    if (captured.problem) throw new AppError('OAUTH_INVALID_RESPONSE', `the authorization response is malformed (${captured.problem})`, { storeId: record.storeId });
    // Mix-up defence, before the code is sent anywhere: the callback fits where the sign-in was
    // sent, and the store's configuration still says the same (security case 5).
    const target = this.#deps.config.stores.find((s) => s.id === record.storeId);
    if (!target) throw new AppError('OAUTH_STORE_UNLISTED', 'the sign-in was for a store config.json no longer names', { storeId: record.storeId });
    const current = redirectBinding(target);
    if (!record.binding || !current) throw new AppError('OAUTH_MIX_UP', 'the sign-in was not bound to this store', { storeId: record.storeId });
    checkCallbackBinding(record.binding, current, arrivalAddress(captured.cleanHref), captured.params.get('iss'));
    const callback: CapturedCallback = { responseMode: captured.responseMode, params: captured.params };
    try {
      return { credential: await connections.completeRedirect(callback, record), returnTo: record.returnTo, asked: record.scopes };
    } catch (error) {
      if (error instanceof AppError) {
        error.storeId ??= record.storeId;
        error.returnTo ??= record.returnTo;
      }
      throw error;
    }
  }

  async sign(storeId: string, headers: Headers): Promise<string> {
    return (await this.#load()).connections.sign(storeId, headers);
  }

  async handleUnauthorized(storeId: string, refused: string): Promise<void> {
    return (await this.#load()).connections.handleUnauthorized(storeId, refused);
  }

  /** Tries a renewal that failed for a passing reason again (Connections.retryRenewal). */
  async retryRenewal(storeId: string): Promise<void> {
    return (await this.#load()).connections.retryRenewal(storeId);
  }

  /**
   * Asks the store again what the saved connection may do (its role was changed at the store since
   * it connected), signing as every request does (renewed when due, once more after a 401); the
   * credential is saved with what the answer allows, its tokens and secrets kept, and returned.
   */
  async recheck(storeId: string): Promise<Credential> {
    const { connections, loaders } = await this.#load();
    const target = this.#deps.config.stores.find((s) => s.id === storeId);
    const credential = await connections.current(storeId);
    if (!target || !credential) throw new AppError('TOKEN_MISSING', 'not connected to this store', { storeId });
    const capabilities = await probeWith(target, credential.mode, this.#deps.fetch, loaders, {
      sign: (headers) => connections.sign(storeId, headers),
      onUnauthorized: (refused) => connections.handleUnauthorized(storeId, refused),
    });
    return connections.keepCapabilities(storeId, capabilities);
  }

  /** The stored credential as it is now (a renewal may have replaced the one listed at start). */
  async current(storeId: string): Promise<Credential | null> {
    return (await this.#load()).connections.current(storeId);
  }

  /**
   * Forgets all this browser keeps for a store config.json no longer names (unlisted-stores.ts);
   * a store it names is signed out of instead (forget, Session.signOut).
   */
  async forgetUnlisted(storeId: string): Promise<void> {
    if (this.#deps.config.stores.some((s) => s.id === storeId)) return;
    await (await import('../storage/unlisted-stores.ts')).forgetUnlistedStore(this.#deps.store, storeId);
  }

  /** Forgets the credential in every tab (Connections.forget). */
  async forget(storeId: string): Promise<void> {
    return (await this.#load()).connections.forget(storeId);
  }
}

function parsePending(value: unknown): PendingSignIn | null {
  const p = value as Record<string, unknown> | null;
  if (typeof p !== 'object' || p === null) return null;
  const { state, storeId, mode, scopes, returnTo, createdAt } = p;
  if (typeof state !== 'string' || typeof storeId !== 'string' || typeof mode !== 'string' || typeof returnTo !== 'string' || typeof createdAt !== 'number') return null;
  if (!Array.isArray(scopes) || !scopes.every((s) => typeof s === 'string')) return null;
  const binding = p['binding'] === undefined ? undefined : parseBinding(p['binding']);
  if (binding === null) return null;
  return { state, storeId, mode, scopes: [...(scopes as string[])], returnTo, createdAt, ...(binding ? { binding } : {}) };
}

/** Where a redirect-based seam store's sign-in goes (FlickRocket's endpoints and redirect URI); undefined for the others. */
function redirectBinding(store: StoreConfig): SignInBinding | undefined {
  if (!('authorizationEndpoint' in store) || !('redirectUri' in store)) return undefined;
  return bindingOf({ id: store.id, authorizationEndpoint: store.authorizationEndpoint, redirectUri: store.redirectUri, ...('tokenEndpoint' in store && store.tokenEndpoint ? { tokenEndpoint: store.tokenEndpoint } : {}) });
}

/**
 * How a probe's requests are signed: a fresh credential as it is (nothing stored yet, so a 401 means
 * the store refused it), or a saved connection as every request is (renewed when due, and once more
 * after a 401).
 */
type ProbeSigning = { fresh: Credential } | { sign: (headers: Headers) => Promise<string>; onUnauthorized: (refused: string) => Promise<void> };

/**
 * What a credential may do, for platforms whose capabilities come from probes (Shopware, StoreHippo,
 * Foxy): the adapter's probe over a transport signed as `signing` says.
 */
async function probeWith(
  store: StoreConfig,
  mode: string,
  fetch: typeof globalThis.fetch,
  loaders: typeof import('../providers/loaders.ts'),
  signing: ProbeSigning,
): Promise<Capability[] | undefined> {
  const [{ createTransport, fetchInTime }, connector, createAdapter] = await Promise.all([
    import('../api/transport.ts'),
    loaders.loadConnector(store.kind, mode),
    loaders.loadAdapter(store.kind),
  ]);
  let hooks: ReturnType<typeof createAdapter>['hooks'];
  const send = createTransport({
    apiBase: store.apiBase,
    // Within the store API's time limit, as the store's clients are (store-clients.ts): a store that
    // never answered kept Connect at "Connecting…" for ever. Its API_TIMEOUT leaves the credential
    // unjudged: nothing connected, what was entered kept (credential-words.ts).
    fetch: fetchInTime(fetch),
    ...('fresh' in signing
      ? {
          sign: async (headers: Headers) => {
            connector.sign(signing.fresh, headers);
            return 'probe';
          },
          onUnauthorized: () => Promise.reject(new AppError('CREDENTIALS_REJECTED', 'It signed in, but the store refused its first request.', { storeId: store.id })),
        }
      : signing),
    hooks: () => hooks,
  });
  const adapter = createAdapter({ store, send });
  hooks = adapter.hooks;
  return adapter.probe ? adapter.probe({ mode }) : undefined;
}
