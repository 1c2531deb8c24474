/**
 * What the store APIs (apis.svelte.ts) and the app's lazy hold on them (apis-port.svelte.ts) share
 * without importing each other (no file cycle): the context the shell installs them under, and the
 * download of a store's adapter ahead of its first call.
 */
import { getContext, setContext } from 'svelte';
import type { StoreConfig } from '../config/types.ts';
import { runsOnSeam } from '../connect/store-config.ts';
import { loadProvider } from '../providers/registry.ts';

const KEY = Symbol('apis');

/** The store APIs as installed: null until their code is in (a LazyApis), or built already. */
export interface ApisHolder<T> {
  readonly current: T | null;
}

export function installApis<T>(holder: ApisHolder<T>): ApisHolder<T> {
  return setContext(KEY, holder);
}

/** Undefined where none is installed. */
export function installedApis<T>(): ApisHolder<T> | undefined {
  return getContext<ApisHolder<T> | undefined>(KEY);
}

/**
 * Starts downloading the platform's adapter `store`'s first call needs (Goodsie's, beside the
 * client code), as soon as config.json names the store: before storage and the session are read.
 */
export function preloadStoreCode(store: StoreConfig): void {
  if (!runsOnSeam(store.kind)) loadProvider(store.kind).catch(() => undefined);
}
