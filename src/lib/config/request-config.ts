/**
 * The one request for the deployment's config.json. main.ts sends it as soon as the URL is scrubbed,
 * so that it travels while the app's code downloads; loadConfig reads its answer. index.html has
 * already asked for it with a preload while the page was parsed, whose answer Chromium hands to
 * this request (test/e2e/first-visit-code.test.ts); a browser that does not just asks again.
 */
export function requestConfig(fetch: typeof globalThis.fetch, url = 'config.json'): Promise<Response> {
  // no-cache: the file is edited in place per deployment; always revalidate with the server. Its
  // credentials mode is fetch()'s default, same-origin, as the preload's crossorigin="anonymous" is.
  return fetch(url, { headers: { Accept: 'application/json' }, cache: 'no-cache' });
}
