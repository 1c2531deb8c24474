/**
 * node-oidc-provider v9 (a certified OpenID Provider) set up as a store's authorization server for the
 * app, the way a real store would configure it for a browser-only client, on 127.0.0.1 port 0:
 * - one public client (token_endpoint_auth_method none), grant types authorization_code +
 *   refresh_token, response type code, PKCE required (S256);
 * - refresh tokens issued without offline_access (a store app is not OIDC) and rotated on every use;
 * - opaque access tokens for one API (the default resource of resource indicators), so the app's
 *   requests carry no `resource` parameter and plain OAuth 2.0 scopes (no openid) are honoured;
 * - CORS on the token endpoint for the origins of the client's redirect URIs (clientBasedCORS);
 * - either oidc-provider's own development login and consent pages (`interactions: 'dev'`), or a
 *   handler of ours on /interaction/:uid.
 * Used by the node-level integration test (test/unit/oidc) and the browser one (test/e2e).
 */
import { generateKeyPairSync } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

/** The scopes the API (resource server) knows. */
export const RESOURCE_SCOPES = 'storefront cart admin';

export type InteractionHandler = (provider: Provider, req: IncomingMessage, res: ServerResponse) => Promise<void>;

export interface OidcServerOptions {
  clientId: string;
  redirectUris: string[];
  /** The API the access tokens are for, e.g. 'https://api.example.com/'. */
  resource: string;
  /** 'dev': oidc-provider's development login + consent pages. Else our handler on /interaction/:uid. */
  interactions: 'dev' | InteractionHandler;
  /** Seconds. Default 3600. */
  accessTokenTtl?: number;
}

export interface OidcServer {
  /** e.g. http://127.0.0.1:41234 */
  issuer: string;
  provider: Provider;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  close(): Promise<void>;
}

export async function startOidcServer(options: OidcServerOptions): Promise<OidcServer> {
  let handler: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.end();
  const server: Server = createServer((req, res) => handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const dev = options.interactions === 'dev';
  // A signing key of its own (ID tokens are never asked for, but the provider wants one).
  const signingKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: options.clientId,
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        redirect_uris: options.redirectUris,
      },
    ],
    jwks: { keys: [{ ...signingKey, use: 'sig', alg: 'RS256' }] },
    pkce: { required: () => true },
    rotateRefreshToken: true,
    issueRefreshToken: async (_ctx: unknown, client: { grantTypeAllowed(type: string): boolean }) =>
      client.grantTypeAllowed('refresh_token'),
    // Browsers may call the token endpoint from the origins the client redirects to, and no other.
    clientBasedCORS: (_ctx: unknown, origin: string, client: { redirectUris: string[] }) =>
      client.redirectUris.some((uri) => new URL(uri).origin === origin),
    ttl: {
      Interaction: 600,
      Grant: 600,
      Session: 600,
      AuthorizationCode: 60,
      RefreshToken: 86_400,
      AccessToken: options.accessTokenTtl ?? 3600,
    },
    cookies: { keys: [`oidc-server-test-${Math.random()}`] },
    findAccount: async (_ctx: unknown, id: string) => ({ accountId: id, claims: async () => ({ sub: id }) }),
    ...(dev ? {} : { interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` } }),
    features: {
      devInteractions: { enabled: dev },
      revocation: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: async () => options.resource,
        useGrantedResource: async () => true,
        getResourceServerInfo: async () => ({
          scope: RESOURCE_SCOPES,
          accessTokenFormat: 'opaque',
          accessTokenTTL: options.accessTokenTtl ?? 3600,
        }),
      },
    },
  });
  const providerHandler = provider.callback();
  const interactions = options.interactions;
  handler =
    interactions === 'dev'
      ? providerHandler
      : (req, res) => {
          if (!/^\/interaction\/[^/?]+/.test(req.url ?? '')) return providerHandler(req, res);
          interactions(provider, req, res).catch((error: unknown) => {
            res.statusCode = 500;
            res.end(error instanceof Error ? error.name : 'error');
          });
        };

  return {
    issuer,
    provider,
    authorizationEndpoint: `${issuer}/auth`,
    tokenEndpoint: `${issuer}/token`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
