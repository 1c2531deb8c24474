/** The store API's URLs, as the app's API client builds them (the widget's test checks its own against them). */

/** A request as a provider describes it: a path under the API base and its query. */
export interface ApiUrlParts {
  path: string;
  query?: Record<string, string>;
}

/**
 * apiBase + the provider's path + query, e.g. https://api.shop.example/api/v1/products?page=0&count=20.
 * Holds no token: the token goes in the Authorization header only.
 */
export function buildApiUrl(apiBase: string, request: ApiUrlParts): URL {
  const url = new URL(apiBase.replace(/\/+$/, '') + request.path);
  for (const [name, value] of Object.entries(request.query ?? {})) url.searchParams.set(name, value);
  return url;
}
