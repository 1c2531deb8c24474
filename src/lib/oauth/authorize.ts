import { AppError } from './errors.ts';
import { formatScope } from './scopes.ts';

export interface AuthorizationUrlParams {
  authorizationEndpoint: string;
  clientId: string;
  redirectUri: string;
  scopes: readonly string[];
  state: string;
  responseType: 'token' | 'code';
  /** S256 challenge (RFC 7636); sent with code_challenge_method=S256 when present. */
  codeChallenge?: string;
}

/**
 * The authorization request URL. Query parameters already on the endpoint are kept (RFC 6749 3.1:
 * "MAY include a query component ... which MUST be retained"); ours replace any of the same name.
 * An empty scope list omits `scope` (the server's default applies).
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-4.1.1
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-4.2.1
 * @see https://www.rfc-editor.org/rfc/rfc7636#section-4.3
 */
export function buildAuthorizationUrl(params: AuthorizationUrlParams): string {
  let url: URL;
  try {
    url = new URL(params.authorizationEndpoint);
  } catch {
    throw new AppError('CONFIG_INVALID', 'authorization endpoint is not an absolute URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new AppError('CONFIG_INVALID', 'authorization endpoint must be an http(s) URL');
  }
  if (url.hash !== '' || url.username !== '' || url.password !== '') {
    throw new AppError('CONFIG_INVALID', 'authorization endpoint must not carry a fragment or credentials');
  }
  const query = url.searchParams;
  query.set('response_type', params.responseType);
  query.set('client_id', params.clientId);
  query.set('redirect_uri', params.redirectUri);
  const scope = formatScope(params.scopes);
  if (scope !== '') query.set('scope', scope);
  else query.delete('scope');
  query.set('state', params.state);
  if (params.codeChallenge !== undefined) {
    query.set('code_challenge', params.codeChallenge);
    query.set('code_challenge_method', 'S256');
  }
  return url.href;
}
