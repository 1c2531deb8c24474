/**
 * Reading the token vault's records as the listing found them (vault-listing.ts): loaded only when
 * the vault holds one (a returning visitor; a first visit has none and never downloads this), and
 * with the AuthService and the seam's vault, which read and write one record at a time
 * (token-vault.ts, credential-vault.ts).
 */
import type { StoreSession, TokenSet } from '../oauth/types.ts';
import { madeFor } from '../connect/credential-origins.ts';
import { runsOnSeam, type StoreConfig } from '../connect/store-config.ts';
import type { KeyValueStore } from './key-value-store.ts';
import { isCodeUnavailable } from '../oauth/errors.ts';
import { discardRecord } from './vault-record.ts';

export const VAULT_SCHEMA_VERSION = 1;

/** The store config.json gives an id now, undefined for none. */
export type StoreLookup = (storeId: string) => StoreConfig | undefined;

/**
 * Reads one listed record (`read`: its value as `vault` gave it): OTHER_KIND for a v2 record of a
 * platform other than Goodsie (not this vault's to read or discard, credential-vault.ts), kept in
 * `seam` as read; null when it was corrupt, unreadable or not made for its store as config.json
 * gives it (and is now gone), or when config.json no longer names its store at all: that one is
 * kept (a stale copy of config.json may leave a store out for a while, and the store comes back
 * with its connection), never used, and listed as discarded all the same, so that the person is
 * told of it at every visit and may forget it (Banners, unlisted-stores.ts) rather than it
 * lingering unseen. Rejects, the record kept, where the code that opens it did not download.
 */
export async function readListed(vault: KeyValueStore, storeId: string, read: Promise<unknown>, seam: Map<string, unknown>, storeOf: Promise<StoreLookup | undefined>): Promise<StoreSession | null | typeof OTHER_KIND> {
  try {
    const raw = await read;
    const lookup = await storeOf;
    if (lookup && !lookup(storeId)) return null;
    if (isRecord(raw) && raw['v'] === 2 && typeof raw['kind'] === 'string' && runsOnSeam(raw['kind'])) {
      seam.set(storeId, raw);
      return OTHER_KIND;
    }
    const record = parseRecord(raw, storeId);
    if (record && accepted(record, await storeOf)) return record.session;
  } catch (error) {
    // Its sealing code did not download (kv.ts): kept, and the listing fails as a part of the app that did not load.
    if (isCodeUnavailable(error)) throw error;
    // else unreadable: treated like corrupt
  }
  await discardRecord(vault, storeId);
  return null;
}

export const OTHER_KIND = Symbol('other kind');

export interface ParsedRecord {
  session: StoreSession;
  origins: string[] | undefined;
}

/** Whether a Goodsie session made for `origins` may serve its store as config.json gives it now. */
export function accepted(record: ParsedRecord, storeOf: StoreLookup | undefined): boolean {
  return !storeOf || madeFor(storeOf(record.session.storeId), 'goodsie', record.origins);
}

export function copySession(session: StoreSession): StoreSession {
  const tokens: TokenSet = {
    accessToken: session.tokens.accessToken,
    tokenType: 'bearer',
    scopes: [...session.tokens.scopes],
    expiresAt: session.tokens.expiresAt,
    obtainedAt: session.tokens.obtainedAt,
  };
  if (session.tokens.refreshToken !== undefined) tokens.refreshToken = session.tokens.refreshToken;
  if (session.tokens.unrequestedScopes?.length) tokens.unrequestedScopes = [...session.tokens.unrequestedScopes];
  return { storeId: session.storeId, tokens };
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isStringArray = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((item) => typeof item === 'string');

/** A clean TokenSet from stored data, or null when anything is off. */
export function parseTokenSet(raw: unknown): TokenSet | null {
  if (!isRecord(raw)) return null;
  const { accessToken, tokenType, refreshToken, scopes, unrequestedScopes, expiresAt, obtainedAt } = raw;
  if (typeof accessToken !== 'string' || accessToken === '') return null;
  if (tokenType !== 'bearer') return null;
  if (refreshToken !== undefined && (typeof refreshToken !== 'string' || refreshToken === '')) return null;
  if (!isStringArray(scopes)) return null;
  if (unrequestedScopes !== undefined && !isStringArray(unrequestedScopes)) return null;
  if (expiresAt !== null && (typeof expiresAt !== 'number' || !Number.isFinite(expiresAt))) return null;
  if (typeof obtainedAt !== 'number' || !Number.isFinite(obtainedAt)) return null;
  return {
    accessToken,
    tokenType,
    scopes: [...scopes],
    ...(unrequestedScopes !== undefined ? { unrequestedScopes: [...unrequestedScopes] } : {}),
    expiresAt,
    obtainedAt,
    ...(refreshToken !== undefined ? { refreshToken } : {}),
  };
}

/**
 * Validates a stored record for `storeId`; returns a clean copy, or null when anything is off.
 * A v2 record (credential-vault.ts) of a Goodsie store with tokens reads as its session too.
 */
export function parseVaultRecord(raw: unknown, storeId: string): StoreSession | null {
  return parseRecord(raw, storeId)?.session ?? null;
}

/** As {@link parseVaultRecord}, with the origins the record was made for. */
export function parseRecord(raw: unknown, storeId: string): ParsedRecord | null {
  if (!isRecord(raw)) return null;
  const { origins } = raw;
  if (origins !== undefined && !isStringArray(origins)) return null;
  const tokens =
    raw['v'] === 2 ? raw['storeId'] === storeId && raw['kind'] === 'goodsie' && parseTokenSet(raw['tokens'])
    : raw['v'] === VAULT_SCHEMA_VERSION && isRecord(raw['session']) && raw['session']['storeId'] === storeId && parseTokenSet(raw['session']['tokens']);
  return tokens ? { session: copySession({ storeId, tokens }), origins } : null;
}
