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
