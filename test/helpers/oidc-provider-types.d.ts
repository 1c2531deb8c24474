// Minimal typing of oidc-provider (v9 ships none), only what the tests and test/helpers/oidc-server.ts touch.
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  interface InteractionDetails {
    uid: string;
    prompt: { name: string; details: Record<string, unknown> };
    params: Record<string, unknown>;
    grantId?: string;
  }

  interface GrantInstance {
    addOAuthScope(scope: string): void;
    addResourceScope(resource: string, scope: string): void;
    rejectResourceScope(resource: string, scope: string): void;
    save(): Promise<string>;
  }

  /** An access or refresh token as the provider stores it (opaque format: the value is its id). */
  interface TokenInstance {
    jti: string;
    clientId: string;
    grantId: string;
    scope?: string;
    /** The resource server (audience) an access token is for. */
    aud?: string;
    /** Set once a rotated refresh token has been used. */
    consumed?: unknown;
    isValid: boolean;
    destroy(): Promise<void>;
  }

  interface TokenModel {
    /** undefined when unknown, expired or invalid. */
    find(value: string): Promise<TokenInstance | undefined>;
  }

  export default class Provider {
    constructor(issuer: string, configuration?: Record<string, unknown>);
    proxy: boolean;
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
    interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<InteractionDetails>;
    interactionFinished(req: IncomingMessage, res: ServerResponse, result: Record<string, unknown>): Promise<void>;
    on(event: string, listener: (...args: unknown[]) => void): void;
    Grant: new (properties: { accountId: string; clientId: string }) => GrantInstance;
    AccessToken: TokenModel;
    RefreshToken: TokenModel;
  }
}
