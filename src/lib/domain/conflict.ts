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
