/**
 * The seam's transport (api/transport.ts) as FlickRocket's adapter tests use it: every request signed
 * with one bearer token, real fetch against the faithful server, and a 401 a failure of the test (no
 * renewal: the tests that renew go through the AuthService).
 */
import type { Send } from '../../../../src/lib/connect/request.ts';
import { createTransport } from '../../../../src/lib/api/transport.ts';

export function bearerTransport(apiBase: string, token: string): Send {
  return createTransport({
    apiBase,
    fetch: globalThis.fetch,
    sign: async (headers) => {
      headers.set('Authorization', `Bearer ${token}`);
      return token;
    },
    onUnauthorized: async () => {
      throw new Error('unexpected 401');
    },
  });
}
