/**
 * Listing the token vault's records (token-vault.ts): what the boot reads before anything is asked
 * of a store, so it is in the first load; writing and reading one record (TokenVault) load with the
 * AuthService. A record that is corrupt or cannot be read is deleted and reported (`discarded`),
 * never allowed to break the list.
 */
import type { StoreSession, TokenSet } from '../oauth/types.ts';
import { madeFor } from '../connect/credential-origins.ts';
import { runsOnSeam, type StoreConfig } from '../connect/store-config.ts';
import { prefixed, VAULT_PREFIX } from './kv.ts';
import type { KeyValueStore } from './key-value-store.ts';
import { discardRecord } from './vault-record.ts';

export const VAULT_SCHEMA_VERSION = 1;

/** The store config.json gives an id now, undefined for none. */
export type StoreLookup = (storeId: string) => StoreConfig | undefined;

export interface VaultListing {
  sessions: StoreSession[];
  /** Store ids whose record was corrupt or unreadable and has been deleted. */
  discarded: string[];
  /**
   * The records of stores on the seam (v2, any platform but Goodsie) by store id, as read: left for
   * the credential vault to check (credential-vault.ts fromListed), not read a second time. Empty:
   * the seam's door need not load.
   */
  seamRecords: ReadonlyMap<string, unknown>;
}

/**
 * Every session of the vault in `store` (unprefixed), each record read once and all at once (a
 * returning visitor's first screen waits for this). `storeOf` as TokenVaultOptions.storeOf (settled:
 * undefined when omitted or rejected): a record not made for its store as config.json gives it is
 * discarded.
 */
export async function listVault(store: KeyValueStore, storeOf: Promise<StoreLookup | undefined>): Promise<VaultListing> {
  const vault = prefixed(store, VAULT_PREFIX);
  const ids = (await vault.keys()).sort();
  const seamRecords = new Map<string, unknown>();
  const read = await Promise.all(ids.map((id) => readListed(vault, id, seamRecords, storeOf)));
  const sessions: StoreSession[] = [];
  const discarded: string[] = [];
  read.forEach((session, i) => {
    if (session === OTHER_KIND) return;
    if (session) sessions.push(session);
    else discarded.push(ids[i]!);
  });
  return { sessions, discarded, seamRecords };
}

/**
 * Reads one listed record: OTHER_KIND for a v2 record of a platform other than Goodsie (not this
 * vault's to read or discard, credential-vault.ts), kept in `seam` as read; null when it was
 * corrupt, unreadable or not made for its store as config.json gives it (and is now gone).
 */
async function readListed(vault: KeyValueStore, storeId: string, seam: Map<string, unknown>, storeOf: Promise<StoreLookup | undefined>): Promise<StoreSession | null | typeof OTHER_KIND> {
  try {
    const raw = await vault.get(storeId);
    if (isRecord(raw) && raw['v'] === 2 && typeof raw['kind'] === 'string' && runsOnSeam(raw['kind'])) {
      seam.set(storeId, raw);
      return OTHER_KIND;
    }
    const record = parseRecord(raw, storeId);
    if (record && accepted(record, await storeOf)) return record.session;
  } catch {
    // unreadable: treated like corrupt
  }
  await discardRecord(vault, storeId);
  return null;
}

const OTHER_KIND = Symbol('other kind');

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
