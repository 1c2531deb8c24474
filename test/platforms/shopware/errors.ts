/** Shopware's error body (`ErrorResponseFactory`): `{"errors":[{code,status,title,detail[,meta][,source]}]}`. */

export interface ErrorObject {
  code: string;
  status: string;
  title: string;
  detail: string | null;
  meta?: unknown;
  source?: { pointer: string };
}

export class ShopwareError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly detail: string | null,
    readonly extra: { meta?: unknown; source?: { pointer: string } } = {},
  ) {
    super(detail ?? title);
  }

  toJson(): { errors: ErrorObject[] } {
    return { errors: [{ code: this.code, status: String(this.status), title: this.title, detail: this.detail, ...this.extra }] };
  }
}

/** league/oauth2-server's numeric codes and messages (`OAuthServerException`). */
export const LEAGUE = {
  unsupportedGrantType: () =>
    new ShopwareError(400, '2', 'The authorization grant type is not supported by the authorization server.', 'Check that all required parameters have been provided'),
  invalidRequest: (parameter: string) =>
    new ShopwareError(
      400,
      '3',
      'The request is missing a required parameter, includes an invalid parameter value, includes a parameter more than once, or is otherwise malformed.',
      `Check the \`${parameter}\` parameter`,
    ),
  invalidClient: () => new ShopwareError(401, '4', 'Client authentication failed', null),
  invalidCredentials: () => new ShopwareError(400, '6', 'The user credentials were incorrect.', null),
  /** league 9: 400 invalid_grant; league 8.5: 401 invalid_request. */
  invalidRefreshToken: (hint: string, league: 8 | 9) => new ShopwareError(league === 9 ? 400 : 401, '8', 'The refresh token is invalid.', hint),
  accessDenied: (hint: string) => new ShopwareError(401, '9', 'The resource owner or authorization server denied the request.', hint),
};

export function missingPrivileges(privileges: string[]): ShopwareError {
  return new ShopwareError(403, 'FRAMEWORK__MISSING_PRIVILEGE_ERROR', 'Forbidden', JSON.stringify({ message: 'Missing privilege', missingPrivileges: privileges }), {
    meta: { parameters: [] },
  });
}
