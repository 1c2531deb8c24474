import type { WebStorageLike } from '../../src/lib/storage/session-fallback.ts';

/**
 * A Web Storage (sessionStorage) stand-in for node: string values, insertion-ordered keys, and the
 * same failures a browser can produce (a refused write, a blocked read).
 */
export class FakeWebStorage implements WebStorageLike {
  readonly data = new Map<string, string>();
  /** When set, setItem throws this DOMException name (QuotaExceededError, SecurityError, ...). */
  failWrites: string | null = null;
  failReads: string | null = null;

  get length(): number {
    return this.data.size;
  }
  key(index: number): string | null {
    return [...this.data.keys()][index] ?? null;
  }
  getItem(key: string): string | null {
    if (this.failReads) throw new DOMException('blocked', this.failReads);
    return this.data.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    if (this.failWrites) throw new DOMException('refused', this.failWrites);
    this.data.set(key, String(value));
  }
  removeItem(key: string): void {
    this.data.delete(key);
  }
  /** Everything stored, as one string, to assert what is (not) in it. */
  dump(): string {
    return JSON.stringify([...this.data]);
  }
}
