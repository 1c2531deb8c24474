/**
 * What the app itself refuses to send, whichever client would send it (api/client.ts for Goodsie,
 * adapter-store-api.ts for the seam's platforms): a price that is not a number (NaN goes out in JSON
 * as null, a price cleared), a negative one, a stock or a paging value that is not a whole number.
 */
import type { NewProduct, ProductEdit } from '../domain/catalog.ts';
import { AppError } from '../oauth/errors.ts';

export function badRequest(message: string): AppError {
  return new AppError('API_BAD_REQUEST', message);
}

export function requireInteger(value: number, min: number, max: number, what: string): number {
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw badRequest(`${what} must be an integer from ${min} to ${max === Number.MAX_SAFE_INTEGER ? 'up' : max}`);
  }
  return value;
}

function requirePrice(price: number): void {
  if (!(Number.isFinite(price) && price >= 0)) throw badRequest('price must be a non-negative number');
}

/** Throws API_BAD_REQUEST for an edit no store should be sent. */
export function checkEdit(edit: ProductEdit): void {
  if (edit.price !== undefined) requirePrice(edit.price);
  if (edit.inventory !== undefined) requireInteger(edit.inventory, 0, Number.MAX_SAFE_INTEGER, 'inventory');
}

/** Throws API_BAD_REQUEST for a new product no store should be sent. */
export function checkNewProduct(product: NewProduct): void {
  if (product.name.trim() === '') throw badRequest('name is empty');
  requirePrice(product.price);
  if (product.inventory !== undefined) requireInteger(product.inventory, 0, Number.MAX_SAFE_INTEGER, 'inventory');
}
