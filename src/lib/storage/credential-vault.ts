/**
 * The vault of record v2: one Credential per store id, on the same keys as the v1 token vault
 * (`session:<storeId>`). A v1 record (Goodsie) reads as `{ kind: 'goodsie', mode }` with the mode
 * the caller derives from the store's config; anything unreadable is deleted and reported
 * (STORAGE_CORRUPT once / `discarded`), never a crash.
 */
import type { Capability } from '../domain/capability.ts';
import { ALL_CAPABILITIES } from '../domain/capability.ts';
import { CREDENTIAL_VERSION, type Credential } from '../connect/credential.ts';
import { credentialOrigins, madeFor } from '../connect/credential-origins.ts';
import type { StoreConfig, StoreKind } from '../connect/store-config.ts';
import type { TokenSet } from '../oauth/types.ts';
import { prefixed, VAULT_PREFIX, type KeyValueStore } from './kv.ts';
import { clearEnded, markEnded, type EndedMarker } from './ended-markers.ts';
import { parseTokenSet, parseVaultRecord } from './vault-records.ts';
import { checkVaultRecord, readVaultRecord } from './vault-record.ts';

const KINDS: readonly StoreKind[] = ['goodsie', 'shopware6', 'storehippo', 'flickrocket', 'foxy'];

export interface CredentialVaultOptions {
  /** The mode a v1 Goodsie record of `storeId` stands for ('implicit' | 'code'), from the store's config. */
  v1Mode: (storeId: string) => string;
  /**
   * The store config.json gives `storeId` now (security case 25, connect/credential-origins.ts): a
   * record of another platform, or made for other servers (the entry moved to another platform or
   * address since it was saved), is discarded like a damaged one, so that its token or key is never
   * sent to the new address; and each record written records the origins it is made for. Omitted:
   * any platform the app knows, and no origins recorded.
   */
  storeOf?: (storeId: string) => StoreConfig | undefined;
}

export class CredentialVault {
  readonly #store: KeyValueStore;
  /** The sealed store itself, where the markers of why a connection ended are (ended-markers.ts). */
  readonly #sealed: KeyValueStore;
  readonly #v1Mode: (storeId: string) => string;
  readonly #storeOf: ((storeId: string) => StoreConfig | undefined) | undefined;

  constructor(store: KeyValueStore, options: CredentialVaultOptions) {
    this.#store = prefixed(store, VAULT_PREFIX);
    this.#sealed = store;
    this.#v1Mode = options.v1Mode;
    this.#storeOf = options.storeOf;
  }

  #parse(raw: unknown, storeId: string): Credential | null {
    const credential = parseCredentialRecord(raw, storeId, this.#v1Mode);
    if (!credential || !this.#storeOf) return credential;
    return madeFor(this.#storeOf(storeId), credential.kind, credential.origins) ? credential : null;
  }

  /** The credential of `storeId`, or null. A damaged record is deleted, then STORAGE_CORRUPT is thrown once. */
  async get(storeId: string): Promise<Credential | null> {
    return readVaultRecord(this.#store, storeId, (raw) => this.#parse(raw, storeId));
  }

  /**
   * The credential of `storeId` from its record as the vault's listing read it (token-vault.ts
   * `seamRecords`), without reading it again; as {@link get} otherwise.
   */
  async fromListed(storeId: string, raw: unknown): Promise<Credential | null> {
    return checkVaultRecord(this.#store, storeId, raw, (record) => this.#parse(record, storeId));
  }

  /** Writes the record (v2). The rotated refresh token is durable when this resolves. */
  async put(credential: Credential): Promise<void> {
    const store = this.#storeOf?.(credential.storeId);
    const record = copyCredential(credential);
    if (store) record.origins = credentialOrigins(store);
    await this.#store.set(credential.storeId, record);
  }

  async delete(storeId: string): Promise<void> {
    await this.#store.del(storeId);
  }

  /** The store ended `storeId`'s connection (its credential deleted): a marker of why in its place (ended-markers.ts markEnded). */
  markEnded(storeId: string, ended: EndedMarker): Promise<void> {
    return markEnded(this.#sealed, storeId, ended);
  }

  /** A new connection, or Forget: the marker of an ending before goes. */
  clearEnded(storeId: string): Promise<void> {
    return clearEnded(this.#sealed, storeId);
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function copyCredential(credential: Credential): Credential {
  const copy: Credential = { v: CREDENTIAL_VERSION, storeId: credential.storeId, kind: credential.kind, mode: credential.mode };
  if (credential.tokens) copy.tokens = { ...credential.tokens, scopes: [...credential.tokens.scopes] };
  if (credential.secrets) copy.secrets = { ...credential.secrets };
  if (credential.capabilities) copy.capabilities = [...credential.capabilities];
  if (credential.origins) copy.origins = [...credential.origins];
  return copy;
}

/** A clean Credential from a stored record of either version, or null when anything is off. */
export function parseCredentialRecord(raw: unknown, storeId: string, v1Mode: (storeId: string) => string): Credential | null {
  if (!isRecord(raw)) return null;
  if (raw['v'] === 1) {
    const session = parseVaultRecord(raw, storeId);
    return session ? { v: CREDENTIAL_VERSION, storeId, kind: 'goodsie', mode: v1Mode(storeId), tokens: session.tokens } : null;
  }
  if (raw['v'] !== CREDENTIAL_VERSION || raw['storeId'] !== storeId) return null;
  const { kind, mode, tokens, secrets, capabilities } = raw;
  const { origins } = raw;
  if (origins !== undefined && !(Array.isArray(origins) && origins.every((origin) => typeof origin === 'string'))) return null;
  if (typeof kind !== 'string' || !(KINDS as readonly string[]).includes(kind) || typeof mode !== 'string' || mode === '') return null;
  const credential: Credential = { v: CREDENTIAL_VERSION, storeId, kind: kind as StoreKind, mode };
  if (tokens !== undefined) {
    const parsed: TokenSet | null = parseTokenSet(tokens);
    if (!parsed) return null;
    credential.tokens = parsed;
  }
  if (secrets !== undefined) {
    if (!isRecord(secrets) || !Object.values(secrets).every((value) => typeof value === 'string' && value !== '')) return null;
    credential.secrets = { ...(secrets as Record<string, string>) };
  }
  if (capabilities !== undefined) {
    if (!Array.isArray(capabilities) || !capabilities.every((value) => (ALL_CAPABILITIES as readonly unknown[]).includes(value))) return null;
    credential.capabilities = [...(capabilities as Capability[])];
  }
  if (origins) credential.origins = [...(origins as string[])];
  if (!credential.tokens && !credential.secrets) return null;
  return credential;
}
