/**
 * Foxy's transaction statuses (the SDK's `Transaction.status`: '' | capturing | captured | approved |
 * authorized | pending | completed | problem | pending_fraud_review | rejected | declined |
 * refunding | refunded | voided | verified) filed under the app's order statuses. The empty status is
 * a sale through a normal (not hosted) payment gateway, which the SDK says "should be considered
 * completed": most stores' orders, filed as paid (they showed as Pending). One not listed here
 * (verified: a card checked, no money taken yet) is filed as pending, never paid, with Foxy's word.
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
  pending_fraud_review: 'pending',
  refunded: 'refunded',
  refunding: 'refunded',
  voided: 'cancelled',
  declined: 'cancelled',
  rejected: 'cancelled',
  problem: 'cancelled',
};

/**
 * Whether a transaction's status says no money was taken (voided, declined, rejected, problem: the
 * ones filed as cancelled). Such a "sale" says nothing true of an item: a shopper who never pays can
 * send any name and price for it (Foxy keeps what the add-to-cart link said, unless the store signs
 * its links), so the derived catalogue leaves it out.
 */
export function tookNoPayment(status: string): boolean {
  return FOXY_STATUS[status.trim().toLowerCase()] === 'cancelled';
}
