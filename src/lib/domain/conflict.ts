import { HttpError } from '../oauth/http-errors.ts';
import type { Product } from './catalog.ts';

/**
 * A 409 on a product update: someone changed the product since it was loaded. Carries the server's
 * current product (already converted to the domain type) when the answer held one.
 */
export class ProductConflictError extends HttpError {
  readonly current: Product | undefined;

  constructor(current: Product | undefined, message?: string) {
    super('API_CONFLICT', 409, message === undefined ? {} : { message });
    this.name = 'ProductConflictError';
    this.current = current;
  }
}

/**
 * A variant's stock save that found the variant changed at the store since the editor read it (its
 * `updated` moved on): nothing was written. Carries the store's count now, to show beside what was typed.
 */
export class VariantConflictError extends HttpError {
  readonly current: { stock: number; updated?: string };

  constructor(current: { stock: number; updated?: string }) {
    super('API_CONFLICT', 409, { message: 'Someone changed this variant in the store since you opened it.' });
    this.name = 'VariantConflictError';
    this.current = current;
  }
}
