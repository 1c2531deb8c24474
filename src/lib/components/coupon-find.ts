/**
 * Finding one coupon among many on the coupons screen (a Foxy store's 1,000): by code or name, over
 * what was read (no request), and drawn a page of rows at a time. The words said beside the field.
 */
import type { Coupon } from '../domain/catalog.ts';
import { isolateDirection } from '../shared/direction.ts';
import { formatCount } from './format.ts';

/** From this many coupons on, the screen offers the field to find one. */
export const FIND_FROM = 21;
/** Rows drawn at first, and added by each "Show … more". */
export const ROWS_PAGE = 100;

/** The words typed, as matched: trimmed, spaces run together, lower case; '' finds every coupon. */
export function findWords(typed: string): string {
  return typed.trim().replace(/\s+/g, ' ').toLocaleLowerCase();
}

/** The coupons whose code, another of its codes, or name contains the words (case-insensitive), in the order given. */
export function findCoupons<T extends Pick<Coupon, 'code' | 'otherCodes' | 'name'>>(coupons: readonly T[], typed: string): readonly T[] {
  const words = findWords(typed);
  if (words === '') return coupons;
  return coupons.filter((c) => [c.code, ...(c.otherCodes ?? []), c.name ?? ''].some((text) => text.toLocaleLowerCase().includes(words)));
}

/** "12 of 1,000 coupons" while words are typed, else "1000 coupons"; "showing the first 100" where fewer are drawn. */
export function foundWords(found: number, total: number, typed: string, drawn: number): string {
  const noun = total === 1 ? 'coupon' : 'coupons';
  const count = findWords(typed) === '' ? `${formatCount(total)} ${noun}` : `${formatCount(found)} of ${formatCount(total)} ${noun}`;
  return drawn < found ? `${count}, showing the first ${formatCount(drawn)}.` : `${count}.`;
}

/** The plain answer when nothing matches, with the words as typed (isolated: a right-to-left code reads whole). */
export function noneFoundWords(typed: string): string {
  return `No coupon here has “${isolateDirection(typed.trim())}” in its code or name.`;
}

/** The button under the rows drawn: "Show 100 more", or as many as are left. */
export function showMoreWords(drawn: number, found: number): string {
  return `Show ${formatCount(Math.min(ROWS_PAGE, found - drawn))} more`;
}
