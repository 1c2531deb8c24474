/**
 * The promotions or coupons a store keeps that the coupons screen does not list, in words: how many,
 * and for each reason how many with their names, so that a merchant who counts more in the store's
 * admin than coupons here is told which and why ("1 applies by itself in the cart, without a code:
 * “Automatic free delivery”."). Each platform has its own reasons, and its admin's word for them:
 * Shopware's are promotions, StoreHippo's and Foxy's coupons.
 */
import type { CouponList, NotListedPromotion, NotListedReason } from '../domain/catalog.ts';
import { isolateDirection } from '../shared/direction.ts';
import { formatCount } from './format.ts';

export interface NotListedWords {
  /** "3 promotions are not listed here:" */
  lead: string;
  /** One line per reason, in REASONS' order. */
  lines: string[];
}

/** Names said per reason before "and N more". */
const NAMES_SHOWN = 3;

/** The reasons in the order said, each as [one, several] (the count goes before). */
const REASONS: readonly [NotListedReason, string, string][] = [
  ['individualCodes', 'uses individual codes, a single-use code for each shopper', 'use individual codes, a single-use code for each shopper'],
  ['automatic', 'applies by itself in the cart, without a code', 'apply by themselves in the cart, without a code'],
  ['inactive', 'is switched off', 'are switched off'],
  ['noCode', 'takes codes but has none set', 'take codes but have none set'],
  // StoreHippo: the coupon code's Enabled box, unticked
  ['disabled', 'is not enabled', 'are not enabled'],
  // Foxy: a coupon whose codes (a resource of their own) are none yet
  ['noCodes', 'has no codes yet', 'have no codes yet'],
  // Foxy: an auto-apply coupon without codes, which needs none (`customer_auto_apply`)
  ['autoApply', 'applies by itself to the customers or subscriptions it is set for, without a code', 'apply by themselves to the customers or subscriptions they are set for, without a code'],
];

/** Reasons that are the platform's coupons rather than promotions (StoreHippo's, Foxy's): the lead counts coupons. */
const COUPON_REASONS: ReadonlySet<NotListedReason> = new Set(['disabled', 'noCodes', 'autoApply']);

/** What a CouponList says of those past the pages read (domain/catalog.ts). */
export type UnreadOnes = Pick<CouponList, 'unread' | 'unreadOldest' | 'noun'>;

/**
 * `more`: those the store keeps past the pages read (CouponList.unread), said last: how many, or that
 * there are more where the store's answer does not count them; "the oldest" where they are.
 * Null when there is nothing to say. Individual codes are listed only in the store's admin, and a Foxy
 * coupon's codes are added there: said as "the admin named above", since the line under the screen's
 * title names it (saying its path again made it twice in a few lines, at 360 px one after the other).
 */
export function notListedWords(notListed: readonly NotListedPromotion[], more: UnreadOnes = {}): NotListedWords | null {
  const uncounted = more.unread === 'uncounted';
  const unread = typeof more.unread === 'number' ? Math.max(0, more.unread) : 0;
  if (notListed.length === 0 && unread === 0 && !uncounted) return null;
  const count = notListed.length + unread;
  const lines: string[] = [];
  for (const [reason, one, several] of REASONS) {
    const names = notListed.filter((p) => p.reason === reason).map((p) => p.name);
    if (names.length === 0) continue;
    let line = `${formatCount(names.length)} ${names.length === 1 ? one : several}: ${listNames(names)}.`;
    if (reason === 'individualCodes') line += ` ${names.length === 1 ? 'Its' : 'Their'} codes are listed in the admin named above.`;
    if (reason === 'noCodes') line += ' Codes are added to a coupon in the admin named above.';
    lines.push(line);
  }
  // past the pages the app reads (a Shopware shop's oldest promotions, a Foxy or StoreHippo store's
  // coupons past the pages read): how many where the store counts them, and where they are
  const oldest = more.unreadOldest ? ', the oldest,' : '';
  if (uncounted) lines.push(`More${oldest} are not read here: see them in the admin named above.`);
  else if (unread > 0) lines.push(`${formatCount(unread)} more${oldest} ${unread === 1 ? 'is' : 'are'} not read here: see ${unread === 1 ? 'it' : 'them'} in the admin named above.`);
  const noun = more.noun ?? (notListed.length > 0 && notListed.every((p) => COUPON_REASONS.has(p.reason)) ? 'coupon' : 'promotion');
  const lead = !uncounted ? `${formatCount(count)} ${noun}${count === 1 ? ' is' : 's are'}` : count === 0 ? `Some ${noun}s are` : `More than ${formatCount(count)} ${noun}${count === 1 ? ' is' : 's are'}`;
  return { lead: `${lead} not listed here:`, lines };
}

/** “A”, “B”, “C” and 2 more; a promotion with no name is said so. */
function listNames(names: readonly string[]): string {
  const said = names.slice(0, NAMES_SHOWN).map((name) => (name === '' ? 'one without a name' : `“${isolateDirection(name)}”`));
  const more = names.length - said.length;
  if (more > 0) return `${said.join(', ')} and ${formatCount(more)} more`;
  return said.length === 1 ? said[0]! : `${said.slice(0, -1).join(', ')} and ${said.at(-1)!}`;
}
