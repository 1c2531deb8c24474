/**
 * Shopware 6 advanced prices (`product.prices`, ProductPriceDefinition) -> what the shop's product
 * page shows of them. Pure; reads untrusted JSON with `../wire.ts`'s checks.
 *
 * As ProductPriceCalculator::calculateAdvancePrices: a rule's prices by `quantityStart`, each at its
 * `quantityEnd ?? quantityStart`, in the shopper's currency (the chosen one, else the default × factor,
 * as the product's own price). Which rule applies is the shopper's context's (its rules by priority,
 * the first with prices): an Admin API reader cannot tell, so each rule's are kept, by priority.
 * The product page (buy-widget-price.html.twig) lists two or more in a table ("To 9", "From 10");
 * one alone is the price; the card says "From" the last tier (price-unit.html.twig).
 */
import type { PriceTierTable, Product } from '../../domain/catalog.ts';
import { optionalArray, optionalNumber, optionalString, readObject, requireInteger, requireString, type WireObject } from '../wire.ts';
import { choosePrice, type SwCurrency } from './currency.ts';

interface RuleTiers {
  ruleId: string;
  name: string | undefined;
  priority: number;
  tiers: { start: number; quantity: number; price: number }[];
}

/** Each rule's advanced prices, the highest priority first, by quantity; [] when none were sent. */
export function readPriceTiers(wire: WireObject, currency: SwCurrency, path: string): RuleTiers[] {
  const rules = new Map<string, RuleTiers>();
  optionalArray(wire, 'prices', path).forEach((item, index) => {
    const at = `${path}.prices[${index}]`;
    const row = readObject(item, at);
    const ruleId = requireString(row, 'ruleId', at);
    const start = requireInteger(row, 'quantityStart', at, 1);
    const end = row.quantityEnd === null || row.quantityEnd === undefined ? undefined : requireInteger(row, 'quantityEnd', at, start);
    let rule = rules.get(ruleId);
    if (rule === undefined) {
      const ruleWire = row.rule === null || row.rule === undefined ? undefined : readObject(row.rule, `${at}.rule`);
      const name = ruleWire === undefined ? undefined : optionalString(ruleWire, 'name', `${at}.rule`)?.trim();
      rule = { ruleId, name: name === '' ? undefined : name, priority: ruleWire === undefined ? 0 : (optionalNumber(ruleWire, 'priority', `${at}.rule`) ?? 0), tiers: [] };
      rules.set(ruleId, rule);
    }
    rule.tiers.push({ start, quantity: end ?? start, price: choosePrice(row.price, currency, at).price });
  });
  const list = [...rules.values()].sort((a, b) => b.priority - a.priority);
  for (const rule of list) rule.tiers.sort((a, b) => a.start - b.start);
  return list;
}

/**
 * What a product sold as itself shows of its advanced prices: with one rule, the table (two or more
 * tiers) and "From" its last tier, or the one tier as its price; with several, each rule's table,
 * named, and its own price (which applies depends on the shopper). Nothing where it has none.
 */
export function tierPricing(rules: readonly RuleTiers[], own: number): Pick<Product, 'priceTiers' | 'storefrontPrice'> {
  const [only] = rules;
  if (only === undefined) return {};
  const table = (rule: RuleTiers): PriceTierTable => {
    const shown: PriceTierTable = { tiers: rule.tiers.map(({ quantity, price }) => ({ quantity, price })) };
    if (rule.name !== undefined) shown.rule = rule.name;
    return shown;
  };
  if (rules.length > 1) return { priceTiers: rules.map(table) };
  const last = only.tiers.at(-1);
  if (last === undefined) return {};
  if (only.tiers.length === 1) return last.price === own ? {} : { storefrontPrice: { price: last.price, from: false } };
  return { priceTiers: [table(only)], storefrontPrice: { price: last.price, from: true } };
}
