/**
 * What a connected store lets the person do, in one line of the same shape for every platform (the
 * stores list): "can browse products, see orders and coupons, and edit products". A caveat only
 * where the app could not confirm a capability (a Shopware integration's edit right, which its probe
 * cannot read: the first save tells); and where a key's role decides (probed stores), what it does not
 * allow. Loaded with the first connected store's card, not on a first visit's screen.
 */
import type { Capability } from '../domain/capability.ts';
import type { Session } from '../state/session.svelte.ts';
import { can, isProbed, supports } from '../state/store-capabilities.ts';

/** Each capability the line names, as a verb and its object: neighbours of one verb share it ("see orders and coupons"). */
const PHRASES: readonly (readonly [Capability, string, string])[] = [
  ['browse', 'browse', 'products'],
  ['viewCart', 'use', 'the cart'],
  ['viewOrders', 'see', 'orders'],
  ['viewCoupons', 'see', 'coupons'],
  ['editProducts', 'edit', 'products'],
];

const CAVEAT = ' if the key’s role allows it';

/** "a", "a and b", "a, b, and c". */
function list(items: readonly string[], and: string): string {
  if (items.length < 3) return items.join(` ${and} `);
  return `${items.slice(0, -1).join(', ')}, ${and} ${items.at(-1)}`;
}

/** The phrases of `capabilities`, neighbours of one verb (and both confirmed, or neither) joined. */
function phrases(capabilities: readonly Capability[], unconfirmed: readonly Capability[], and: string): string[] {
  const groups: { verb: string; objects: string[]; caveat: boolean }[] = [];
  for (const [capability, verb, object] of PHRASES) {
    if (!capabilities.includes(capability)) continue;
    const caveat = unconfirmed.includes(capability);
    const last = groups.at(-1);
    if (last && last.verb === verb && last.caveat === caveat) last.objects.push(object);
    else groups.push({ verb, objects: [object], caveat });
  }
  return groups.map((g) => `${g.verb} ${list(g.objects, and)}${g.caveat ? CAVEAT : ''}`);
}

/** "can browse products, see orders and coupons, and edit products[; not allowed to see orders or coupons, or to edit products]". */
export function connectionSummary(session: Session, storeId: string): string {
  const unconfirmed = session.connectedMode(storeId)?.unconfirmed ?? [];
  const able = PHRASES.map(([capability]) => capability).filter((capability) => can(session, storeId, capability));
  const locked = isProbed(session, storeId)
    ? PHRASES.map(([capability]) => capability).filter((capability) => supports(session, storeId, capability) && !can(session, storeId, capability))
    : [];
  const allowed = able.length > 0 ? `can ${list(phrases(able, unconfirmed, 'and'), 'and')}` : 'can do nothing yet';
  // Each verb's own "to" after the first: "see orders or coupons, or to edit products" (not "... coupons or edit products").
  const refused = phrases(locked, [], 'or');
  const notAllowed = refused.length > 1 ? `${refused.slice(0, -1).join(', to ')}, or to ${refused.at(-1)}` : refused.join('');
  return locked.length > 0 ? `${allowed}; not allowed to ${notAllowed}` : allowed;
}

/** The stores list's line: "Connected · can …", or that its access ended here (the store's screens say how to connect again). */
export function connectionStatus(session: Session, storeId: string): string {
  return session.isExpired(storeId) ? 'Access ended · Browse to connect again' : `Connected · ${connectionSummary(session, storeId)}`;
}
