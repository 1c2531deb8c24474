/**
 * Shopware's words in error answers (platforms.md 4.2, 4.4): a 403's missing privileges (its
 * `detail` is a JSON string) and the 429's `meta.parameters.seconds`. Read by the API client
 * through the adapter's hooks, so the client has no Shopware special case.
 */
import type { AdapterHooks, ForbiddenInfo } from '../../connect/adapter.ts';
import type { ApiOperation } from '../../connect/operations.ts';
import type { RefusedField, StoreSaid } from '../../domain/refusal.ts';
import { readSwError } from './token.ts';

const PRIVILEGE = /^[a-z_]+:(read|create|update|delete)$/;

const CHANGE: Readonly<Partial<Record<ApiOperation, string>>> = {
  listOrders: 'Give the integration’s role the order, order_customer, state_machine_state, currency, order_transaction, order_delivery and order_line_item read rights.',
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

/** Whether a 403's body names only some of `privileges` (what a search can be asked again without). */
export function refusedOnly(privileges: readonly string[]): (json: unknown) => boolean {
  return (json) => {
    const missing = missingPrivileges(json);
    return missing.length > 0 && missing.every((p) => privileges.includes(p));
  };
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

/** The product's fields the app writes (buildProductPatch), by the form's names. */
const WRITTEN: Readonly<Record<string, RefusedField>> = { name: 'name', price: 'price', stock: 'inventory', description: 'description', active: 'published' };

/**
 * A refused PATCH: the DAL's 400 lists each violation with its `detail` and a JSON pointer to the
 * value, `/0/price`, `/0/price/0/gross` (the write's index first) [code WriteConstraintViolationException];
 * a translated field's (name, description) is its translation's, `/0/translations/<languageId>/name`
 * (TranslatedFieldSerializer moves the value there, TranslationsAssociationFieldSerializer adds the path).
 */
export function refused(json: unknown): StoreSaid[] {
  const errors = typeof json === 'object' && json !== null ? (json as { errors?: unknown }).errors : undefined;
  if (!Array.isArray(errors)) return [];
  return errors.flatMap((entry: unknown): StoreSaid[] => {
    if (typeof entry !== 'object' || entry === null) return [];
    const { detail, title, source } = entry as { detail?: unknown; title?: unknown; source?: { pointer?: unknown } };
    const pointer = typeof source?.pointer === 'string' ? source.pointer : '';
    const segment = /^(?:\/\d+)?(?:\/translations\/[0-9a-f]{32})?\/([A-Za-z]+)/.exec(pointer)?.[1];
    return [{ field: segment !== undefined && Object.hasOwn(WRITTEN, segment) ? WRITTEN[segment] : undefined, words: typeof detail === 'string' ? detail : title }];
  });
}

export const shopware6Hooks: AdapterHooks = { forbidden, rateLimitWait, refused };
