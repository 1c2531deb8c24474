/**
 * Several "tabs" of the app in one unit test: AuthServices on one fake IndexedDB, a paired
 * in-memory BroadcastChannel, a clock, and a fake network with a Goodsie token endpoint (code flow,
 * rotating refresh tokens) and a revocation endpoint. Used by the sign-out and renewal tests.
 */
import { IDBFactory } from 'fake-indexeddb';
import { AuthService, type AuthEvent } from '../../src/lib/auth/auth-service.ts';
import type { SessionChannel, SessionMessage } from '../../src/lib/auth/session-channel.ts';
import type { AppConfig, GoodsieStoreConfig } from '../../src/lib/config/types.ts';
import { captureRedirect, type CapturedRedirect } from '../../src/lib/oauth/callback.ts';
import { openStorage, type OpenedStorage } from '../../src/lib/storage/kv.ts';
import { fakeFetch, json, unanswered, type SeenRequest } from './fake-fetch.ts';

export const T0 = 1_700_000_000_000;
export const ORIGIN = 'https://shop.example';
export const TOKEN_ENDPOINT = `${ORIGIN}/oauth2/access_token`;
export const REVOCATION_ENDPOINT = `${ORIGIN}/oauth2/revoke`;
export const REDIRECT = 'https://app.example/';

/** A Goodsie store entry on a server at `origin` (also valid as raw config.json). */
export function goodsieEntry(id: string, origin: string, flow: 'code' | 'token', extra: Partial<GoodsieStoreConfig> = {}): GoodsieStoreConfig {
  return {
    id,
    kind: 'goodsie',
    name: `Store ${id}`,
    authorizationEndpoint: `${origin}/oauth2/authorize`,
    tokenEndpoint: `${origin}/oauth2/access_token`,
    apiBase: origin,
    clientId: 'storefront-connect',
    redirectUri: REDIRECT,
    defaultScopes: ['storefront'],
    flow,
    ...extra,
  };
}

/** A code-flow store on ORIGIN with a revocation endpoint and a redirect URI of its own. */
export function codeStore(id: string, extra: Partial<GoodsieStoreConfig> = {}): GoodsieStoreConfig {
  return goodsieEntry(id, ORIGIN, 'code', { revocationEndpoint: REVOCATION_ENDPOINT, redirectUri: `${REDIRECT}${id}/`, ...extra });
}

/** A channel pair hub: what one tab posts, every other tab's channel receives (asynchronously, like the browser's). */
export class ChannelHub {
  readonly #listeners = new Map<number, Set<(message: SessionMessage) => void>>();
  #next = 0;
  readonly posted: SessionMessage[] = [];

  open(): SessionChannel {
    const id = this.#next++;
    const mine = new Set<(message: SessionMessage) => void>();
    this.#listeners.set(id, mine);
    return {
      post: (message) => {
        this.posted.push(structuredClone(message));
        for (const [other, listeners] of this.#listeners) {
          if (other !== id) for (const listener of listeners) queueMicrotask(() => listener(structuredClone(message)));
        }
      },
      subscribe: (listener) => {
        mine.add(listener);
        return () => mine.delete(listener);
      },
    };
  }
}

/** What the token endpoint answers next; by default a rotation from RT<n> to RT<n+1>. */
export type TokenAnswer = (form: URLSearchParams, call: number) => Response | Promise<Response>;

export interface Tabs {
  config: AppConfig;
  clock: { now: number };
  hub: ChannelHub;
  /** Every request the fake network saw. */
  seen: SeenRequest[];
  unexpected: string[];
  tokenCalls: () => SeenRequest[];
  revocations: () => URLSearchParams[];
  setTokenAnswer(answer: TokenAnswer): void;
  setRevocationAnswer(answer: () => Response | Promise<Response>): void;
  /** A new tab on the shared storage (or on `storage`), collecting its events. */
  open(options?: { storage?: OpenedStorage; channel?: SessionChannel | null; withLock?: <T>(name: string, task: () => Promise<T>) => Promise<T> }): Promise<{
    auth: AuthService;
    events: AuthEvent[];
  }>;
  /** Signs `auth` in to `storeId` (code flow): the exchange gives AT1 / RT1. */
  signIn(auth: AuthService, storeId: string): Promise<void>;
  /** Begins a sign-in to `storeId` in `auth`; returns the callback the store sends back on Allow. */
  begin(auth: AuthService, storeId: string): Promise<CapturedRedirect>;
  factory: IDBFactory;
  /** The address the last sign-in begun in any tab was sent to (its authorization request). */
  navigated: () => string;
}

export async function openTabs(stores: GoodsieStoreConfig[]): Promise<Tabs> {
  const config: AppConfig = { stores };
  const factory = new IDBFactory();
  const clock = { now: T0 };
  const hub = new ChannelHub();
  let tokenAnswer: TokenAnswer = (form, call) =>
    json({ access_token: `AT${call}`, token_type: 'bearer', expires_in: 3600, refresh_token: `RT${call}`, scope: form.get('scope') ?? 'storefront' });
  let revocationAnswer: () => Response | Promise<Response> = () => new Response(null, { status: 200 });
  let tokenCount = 0;
  const network = fakeFetch((request) => {
    if (request.method === 'POST' && request.url.href === TOKEN_ENDPOINT) return tokenAnswer(new URLSearchParams(request.body ?? ''), ++tokenCount);
    if (request.method === 'POST' && request.url.href === REVOCATION_ENDPOINT) return revocationAnswer();
    return unanswered();
  });
  let navigated = '';
  const tabs: Tabs = {
    config,
    clock,
    hub,
    factory,
    seen: network.seen,
    unexpected: network.unexpected,
    tokenCalls: () => network.seen.filter((request) => request.url.href === TOKEN_ENDPOINT),
    revocations: () => network.seen.filter((request) => request.url.href === REVOCATION_ENDPOINT).map((request) => new URLSearchParams(request.body ?? '')),
    setTokenAnswer: (answer) => {
      tokenAnswer = answer;
    },
    setRevocationAnswer: (answer) => {
      revocationAnswer = answer;
    },
    navigated: () => navigated,
    async open(options = {}) {
      const auth = await AuthService.create({
        config,
        fetch: network.fetch,
        navigate: (url) => {
          navigated = url;
        },
        now: () => clock.now,
        storage: options.storage ?? (await openStorage({ indexedDB: factory })),
        channel: options.channel !== undefined ? options.channel : hub.open(),
        ...(options.withLock ? { withLock: options.withLock } : {}),
      });
      const events: AuthEvent[] = [];
      auth.onEvent((event) => events.push(event));
      return { auth, events };
    },
    async signIn(auth, storeId) {
      await auth.completeSignIn(await tabs.begin(auth, storeId));
    },
    async begin(auth, storeId) {
      await auth.beginSignIn(storeId);
      const state = new URL(navigated).searchParams.get('state');
      const store = stores.find((candidate) => candidate.id === storeId)!;
      const captured = captureRedirect(`${store.redirectUri}?code=CODE&state=${state}`);
      if (!captured) throw new Error('not a callback');
      return captured;
    },
  };
  return tabs;
}

/** A Web Locks stand-in shared by the tabs of one test: one holder per name, the others queue. */
export function sharedLocks() {
  const tails = new Map<string, Promise<unknown>>();
  const taken: string[] = [];
  const withLock = <T>(name: string, task: () => Promise<T>): Promise<T> => {
    const previous = tails.get(name) ?? Promise.resolve();
    const run = previous.then(
      () => (taken.push(name), task()),
      () => (taken.push(name), task()),
    );
    tails.set(name, run.catch(() => undefined));
    return run;
  };
  return { withLock, taken };
}
