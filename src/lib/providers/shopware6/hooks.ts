/**
 * Shopware's words in error answers (platforms.md 4.2, 4.4): a 403's missing privileges (its
 * `detail` is a JSON string) and the 429's `meta.parameters.seconds`. Read by the API client
 * through the adapter's hooks, so the client has no Shopware special case.
 */
import type { AdapterHooks, ForbiddenInfo } from '../../connect/adapter.ts';
import type { ApiOperation } from '../../connect/operations.ts';
import { readSwError } from './token.ts';

const PRIVILEGE = /^[a-z_]+:(read|create|update|delete)$/;

const CHANGE: Readonly<Partial<Record<ApiOperation, string>>> = {
  listOrders: 'Give the integration’s role the order, order_customer, state_machine_state, currency and order_transaction read rights.',
  listCoupons: 'Give the integration’s role the promotion and promotion_discount read rights.',
  updateProduct: 'Give the integration’s role the product update right, or mark the integration "Administrator".',
};

/** The privileges a 403 `FRAMEWORK__MISSING_PRIVILEGE_ERROR` names; [] when it names none. */
export function missingPrivileges(json: unknown): string[] {
  const entry = readSwError(json);
  if (entry?.code !== 'FRAMEWORK__MISSING_PRIVILEGE_ERROR' || entry.detail === undefined) return [];
  try {
    const detail = JSON.parse(entry.detail) as { missingPrivileges?: unknown };
    if (!Array.isArray(detail.missingPrivileges)) return [];
    // only well-formed privilege names reach the screen, never arbitrary server text
    return detail.missingPrivileges.filter((p): p is string => typeof p === 'string' && PRIVILEGE.test(p)).slice(0, 20);
  } catch {
    return [];
  }
}

export function forbidden(json: unknown, operation: ApiOperation): ForbiddenInfo {
  const missing = missingPrivileges(json);
  const change = CHANGE[operation] ?? 'Give the integration’s role the read rights of the catalogue (product, product_media, media, category).';
  if (missing.length > 0) return { platformWords: `Shopware says this connection lacks the right${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}.`, change };
  if (readSwError(json)?.code === 'FRAMEWORK__EXPECTED_USER') return { platformWords: 'Shopware allows this only for an Administration user, not an integration.', change };
  return { platformWords: 'Shopware refused this for the connection’s role.', change };
}

export function rateLimitWait(json: unknown): number | undefined {
  return readSwError(json)?.seconds;
}

export const shopware6Hooks: AdapterHooks = { forbidden, rateLimitWait };
