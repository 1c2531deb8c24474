/**
 * The kinds that still have a numbered-page adapter for the store API client and the widget
 * (Goodsie), apart from the registry so that the widget, a single bundle with every dynamic import
 * inlined, does not carry the other platforms' connectors and adapters.
 */
import { AppError } from '../oauth/errors.ts';
import type { LoadedProvider } from './types.ts';

const NUMBERED: ReadonlyMap<string, () => Promise<LoadedProvider>> = new Map([['goodsie', () => import('./goodsie.ts').then((m) => m.goodsie)]]);

/** Whether `kind` has a numbered-page adapter. */
export function hasNumberedProvider(kind: string): boolean {
  return NUMBERED.has(kind);
}

/** The profile with its numbered-page adapter, loaded on first use. */
export function loadProvider(kind: string): Promise<LoadedProvider> {
  const load = NUMBERED.get(kind);
  if (!load) return Promise.reject(new AppError('CONFIG_INVALID', `${kind} has no numbered-page adapter`));
  return load();
}
