/**
 * Shopware promotions -> the coupons a shopper can type in, and the promotions left out of them with
 * why (`POST /api/search/promotion`, association `discounts`; platforms.md 4.4). Shopware's cart
 * takes a code only from an active promotion, in its dates, with `useCodes` and one fixed code
 * (`shopware/shopware` PermittedGlobalCodePromotions.php); an individual code only from a promotion's
 * `individualCodes`, each once (PermittedIndividualCodePromotions.php); and with `useCodes` off the
 * promotion applies by itself, no code typed (PermittedAutomaticPromotions.php).
 */
import type { Coupon, CouponList, NotListedPromotion, NotListedReason } from '../../domain/catalog.ts';
import { optionalArray, optionalBoolean, optionalDateTime, optionalNumber, optionalString, readObject, requireNumber, requireString, type WireObject } from '../wire.ts';
import { translated } from './map.ts';

/** The search answer's `data` -> the coupons, in the shop's order, and the promotions that are none. */
export function mapPromotions(data: readonly unknown[]): CouponList {
  const coupons: Coupon[] = [];
  const notListed: NotListedPromotion[] = [];
  data.forEach((item, index) => {
    const path = `data[${index}]`;
    const wire = readObject(item, path);
    const reason = whyNotListed(wire, path);
    if (reason === undefined) coupons.push(mapPromotion(wire, path));
    else notListed.push({ name: translated(wire, 'name', path)?.trim() ?? '', reason });
  });
  return notListed.length === 0 ? { coupons } : { coupons, notListed };
}

/** Why a promotion is no code to share: switched off first (whatever its codes), then how it takes codes. */
export function whyNotListed(wire: WireObject, path: string): NotListedReason | undefined {
  if (optionalBoolean(wire, 'active', path) === false) return 'inactive';
  if (!(optionalBoolean(wire, 'useCodes', path) ?? false)) return 'automatic';
  if (optionalBoolean(wire, 'useIndividualCodes', path) ?? false) return 'individualCodes';
  if ((optionalString(wire, 'code', path) ?? '').trim() === '') return 'noCode';
  return undefined;
}

/** One promotion with a fixed code (whyNotListed said none) -> Coupon. */
function mapPromotion(wire: WireObject, path: string): Coupon {
  const code = optionalString(wire, 'code', path) ?? '';
  const discounts = optionalArray(wire, 'discounts', path).map((item, index) => {
    const at = `${path}.discounts[${index}]`;
    const d = readObject(item, at);
    return { type: requireString(d, 'type', at), value: requireNumber(d, 'value', at), scope: optionalString(d, 'scope', at) ?? 'cart', maxValue: optionalNumber(d, 'maxValue', at) };
  });
  // A sole discount on the cart is "N% off" the order; failing that, a sole one on delivery is off
  // the shipping costs. A percentage's cap, `maxValue`, goes with it, on either (PromotionCalculator,
  // PromotionDeliveryCalculator cap the discount at it). Sets, fixed prices (`fixed`, `fixed_unit`),
  // several discounts: left to the promotion's name.
  const onCart = discounts.filter((d) => d.scope === 'cart');
  const onDelivery = discounts.filter((d) => d.scope === 'delivery');
  const sole = onCart.length === 1 ? onCart[0] : onCart.length === 0 && onDelivery.length === 1 ? onDelivery[0] : undefined;
  const percentage = sole?.type === 'percentage' ? sole : undefined;
  const absolute = sole?.type === 'absolute' ? sole : undefined;
  const coupon: Coupon = { code, percentOff: percentage === undefined ? null : percentage.value };
  if (percentage?.maxValue !== undefined) coupon.maxOff = percentage.maxValue;
  if (percentage === undefined && absolute !== undefined) coupon.amountOff = absolute.value;
  if ((percentage ?? absolute)?.scope === 'delivery') coupon.appliesTo = 'shipping';
  const name = translated(wire, 'name', path)?.trim();
  if (name !== undefined && name !== '' && name !== code) coupon.name = name;
  // the cart takes the code only from validFrom on (ActiveDateRange): one set up ahead is said so
  const startsAt = optionalDateTime(wire, 'validFrom', path);
  if (startsAt !== undefined) coupon.startsAt = startsAt;
  const expiresAt = optionalDateTime(wire, 'validUntil', path);
  if (expiresAt !== undefined) coupon.expiresAt = expiresAt;
  return coupon;
}
