/**
 * StoreHippo's two credentials connectors (platforms.md 2.1, 2.4): a pasted access key (header
 * `access-key`) or a pasted bearer token. `connect` checks the paste's shape, then runs the three
 * probes of 2.4 with it; it resolves only when the products probe succeeded, with the capabilities
 * the key's role allows. Nothing else happens to the secret: it is never in a URL, an error or a log.
 */
import type { Capability } from '../../domain/capability.ts';
import type { ConnectorContext, CredentialsConnector } from '../../connect/connector.ts';
import type { Credential, IssuedCredential } from '../../connect/credential.ts';
import type { StoreHippoStoreConfig } from '../../connect/store-config.ts';
import { AppError } from '../../oauth/errors.ts';
import { STOREHIPPO_KEY_PATTERN } from '../storehippo-profile.ts';
import { STOREHIPPO_PROBES, capabilitiesFromProbes, classifyProbeStatus, type ProbeId, type ProbeOutcome } from './probe.ts';
import { entityPath } from './query.ts';

export type StoreHippoMode = 'access-key' | 'token';

/** The form field each mode reads, and the `secrets` key it is kept under. */
const FIELD: Readonly<Record<StoreHippoMode, string>> = { 'access-key': 'accessKey', token: 'token' };
/** 429s waited out during the probes before giving up. */
const MAX_PROBE_RETRIES = 2;
/** Longest Retry-After honoured while connecting (seconds). */
const MAX_PROBE_WAIT = 10;

function secretOf(credential: Credential, mode: StoreHippoMode): string | undefined {
  return credential.secrets?.[FIELD[mode]];
}

/** Puts the key or token on `headers`; the bearer goes alone (the SDK drops `access-key` then). */
export function signStoreHippo(credential: Credential, headers: Headers): void {
  if (credential.mode === 'token') {
    const token = secretOf(credential, 'token');
    if (token !== undefined) headers.set('Authorization', `Bearer ${token}`);
    return;
  }
  const key = secretOf(credential, 'access-key');
  if (key !== undefined) headers.set('access-key', key);
}

/** A pasted value, trimmed; CREDENTIALS_INVALID (naming the field, never the value) when malformed. */
export function readPastedSecret(mode: StoreHippoMode, values: Readonly<Record<string, string>>): string {
  const value = (values[FIELD[mode]] ?? '').trim();
  const what = mode === 'token' ? 'access token' : 'access key';
  if (value === '') throw new AppError('CREDENTIALS_INVALID', `Paste the ${what}.`);
  if (mode === 'access-key' && !STOREHIPPO_KEY_PATTERN.test(value)) {
    throw new AppError('CREDENTIALS_INVALID', 'A StoreHippo access key is 16 to 64 letters and digits; check that the whole key was pasted.');
  }
  if (mode === 'token' && !/^[\x21-\x7E]{8,4096}$/.test(value)) {
    throw new AppError('CREDENTIALS_INVALID', 'An access token is one word of visible characters; check that the whole token was pasted.');
  }
  return value;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The status of one probe GET, waiting out a few 429s; NETWORK_OR_CORS when fetch itself fails. */
async function probeStatus(ctx: ConnectorContext<StoreHippoStoreConfig>, credential: Credential, id: ProbeId): Promise<number> {
  const probe = STOREHIPPO_PROBES.find((p) => p.id === id);
  if (probe === undefined) throw new AppError('API_BAD_REQUEST', `unknown probe ${id}`);
  const url = new URL(ctx.store.apiBase.replace(/\/+$/, '') + entityPath(ctx.store.apiVersion, probe.entity));
  for (const [name, value] of Object.entries(probe.query)) url.searchParams.set(name, value);
  for (let attempt = 0; ; attempt++) {
    const headers = new Headers({ Accept: 'application/json' });
    signStoreHippo(credential, headers);
    let response: Response;
    try {
      response = await ctx.fetch(url, { method: 'GET', headers, credentials: 'omit', cache: 'no-store', redirect: 'manual', referrerPolicy: 'no-referrer' });
    } catch (error) {
      throw new AppError('NETWORK_OR_CORS', 'StoreHippo could not be reached, or it does not allow this site to send the key (CORS).', { cause: error instanceof Error ? new Error(error.name) : undefined });
    }
    const status = response.status;
    if (status === 429 && attempt < MAX_PROBE_RETRIES) {
      await response.body?.cancel().catch(() => undefined);
      const seconds = Number(response.headers.get('Retry-After'));
      await sleep(Math.min(MAX_PROBE_WAIT, Number.isFinite(seconds) && seconds > 0 ? seconds : 1) * 1000);
      continue;
    }
    if (status >= 200 && status < 300) {
      const text = await response.text();
      try {
        JSON.parse(text);
      } catch {
        throw new AppError('API_INVALID_RESPONSE', `StoreHippo answered the ${id} check with something that is not JSON.`);
      }
    } else {
      await response.body?.cancel().catch(() => undefined);
    }
    if (status === 429) throw new AppError('API_RATE_LIMITED', 'StoreHippo is limiting requests; try again in a moment.');
    return status;
  }
}

/** Runs the three probes of 2.4 with `credential`; the capabilities it grants, or why not. */
export async function probeCredential(ctx: ConnectorContext<StoreHippoStoreConfig>, credential: Credential): Promise<Capability[]> {
  const outcomes: Record<ProbeId, ProbeOutcome> = { products: 'failed', orders: 'failed', coupons: 'failed' };
  outcomes.products = classifyProbeStatus(await probeStatus(ctx, credential, 'products'));
  if (outcomes.products === 'ok') {
    const [orders, coupons] = await Promise.all([probeStatus(ctx, credential, 'orders'), probeStatus(ctx, credential, 'coupons')]);
    outcomes.orders = classifyProbeStatus(orders);
    outcomes.coupons = classifyProbeStatus(coupons);
  }
  const verdict = capabilitiesFromProbes(outcomes);
  if (verdict.kind === 'rejected') throw new AppError('CREDENTIALS_REJECTED', 'StoreHippo refused this key: it is wrong, disabled or deleted.');
  if (verdict.kind === 'unavailable') throw new AppError('API_SERVER_ERROR', 'StoreHippo did not answer the products check; try again.');
  return [...verdict.capabilities];
}

export function createStoreHippoConnector(mode: StoreHippoMode): CredentialsConnector<StoreHippoStoreConfig> {
  return {
    style: 'credentials',
    mode,
    async connect(ctx, values): Promise<IssuedCredential> {
      const secret = readPastedSecret(mode, values);
      const secrets = { [FIELD[mode]]: secret };
      const draft: Credential = { v: 2, storeId: ctx.store.id, kind: 'storehippo', mode, secrets };
      const capabilities = await probeCredential(ctx, draft);
      return { mode, secrets, capabilities };
    },
    sign: signStoreHippo,
  };
}
