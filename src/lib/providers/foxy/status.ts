/**
 * Foxy's transaction statuses (the SDK's `Transaction.status`: '' | capturing | captured | approved |
 * authorized | pending | completed | problem | pending_fraud_review | rejected | declined |
 * refunding | refunded | voided | verified) filed under the app's order statuses. The empty status is
 * a sale through a normal (not hosted) payment gateway, which the SDK says "should be considered
 * completed": most stores' orders, filed as paid (they showed as Pending). One not listed here
 * (verified: a card checked, no money taken yet; pending_fraud_review: the gateway flagged it as
 * possibly fraudulent, an alert in Foxy's own admin, so not to be shipped as a plain pending one)
 * is filed as pending, never paid, with Foxy's word ("Pending fraud review").
 * @see https://github.com/Foxy/foxy-sdk/blob/main/src/backend/Graph/transaction.d.ts
 */
import type { OrderStatus } from '../../domain/catalog.ts';

export const FOXY_STATUS: Readonly<Record<string, OrderStatus>> = {
  '': 'paid',
  captured: 'paid',
  approved: 'paid',
  authorized: 'paid',
  completed: 'paid',
  pending: 'pending',
  capturing: 'pending',
  refunded: 'refunded',
  refunding: 'refunded',
  voided: 'cancelled',
  declined: 'cancelled',
  rejected: 'cancelled',
  problem: 'cancelled',
};

/**
 * Statuses filed as cancelled (no money taken) that Foxy's own admin raises an alert for, saying why
 * (`Foxy/foxy-elements`, `transaction/en.json`: alert_status_declined, _rejected, _problem): listed
 * by Foxy's word, red as cancelled, where a bare "Cancelled" read as an order someone called off.
 */
export const FOXY_ALERTS: ReadonlySet<string> = new Set(['declined', 'rejected', 'problem']);

/**
 * The statuses of a sale whose money was taken or is held: a normal gateway's empty status,
 * captured, approved, authorized (held), capturing (a held payment being taken), completed, and
 * refunding or refunded (taken, then given back: the sale happened at that name and price).
 */
const MONEY_TAKEN: ReadonlySet<string> = new Set(['', 'captured', 'approved', 'authorized', 'capturing', 'completed', 'refunding', 'refunded']);

/**
 * Whether a transaction's status says its money was taken (or is held). Only such a sale says
 * something true of an item: a shopper who never pays can send any name and price for it (Foxy
 * keeps what the add-to-cart link said, unless the store signs its links), so the derived
 * catalogue leaves the others out: voided, declined, rejected, problem (no money taken); pending
 * (a hosted gateway's checkout not paid yet; Foxy has no "abandoned" status, so one never paid
 * stays pending), pending_fraud_review, verified (a card checked only), and any status Foxy adds
 * that this list does not know. docs/platform-evidence.md, "Foxy derived catalogue".
 */
export function tookPayment(status: string): boolean {
  return MONEY_TAKEN.has(status.trim().toLowerCase());
}

/**
 * Transactions that are no sale, with the words Foxy's own admin lists them by (its transaction
 * card's summary, `Foxy/foxy-elements`, `admin-transaction-card/en.json`): a subscriber's billing
 * details changed (`updateinfo`), a subscription changed or cancelled. Their status is usually the
 * empty one (completed), which read "Paid" beside a total of 0, as if a sale.
 */
const NOT_A_SALE: Readonly<Record<string, string>> = {
  updateinfo: 'Payment method change',
  subscription_modification: 'Subscription modification',
  subscription_cancellation: 'Subscription cancellation',
};

/**
 * Types whose total Foxy's own admin leaves out of its list (`Foxy/foxy-elements`,
 * `AdminTransactionCard.ts`: the price only where the type is neither): a new payment method or a
 * cancellation charges nothing, and its `total_order` of 0.00 read as a free order. A modification's
 * total is shown there (new items can be charged on it), so it is here.
 */
const NO_TOTAL: ReadonlySet<string> = new Set(['updateinfo', 'subscription_cancellation']);

/** Whether an order list leaves out the total of a transaction of `type`, as Foxy's admin does. */
export function hidesTotal(type: string): boolean {
  return NO_TOTAL.has(type);
}

/** What an order list says of a transaction of `type` that is no sale (undefined: a sale, a checkout or a renewal, or a type Foxy adds). */
export function notASaleWords(type: string): string | undefined {
  return Object.hasOwn(NOT_A_SALE, type) ? NOT_A_SALE[type] : undefined;
}
