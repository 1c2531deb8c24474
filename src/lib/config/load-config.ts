/**
 * The deployment's config.json, served beside index.html and edited per deployment without
 * rebuilding: one build talks to any store the file lists. `loadConfig` reads it, loads the
 * profiles of the platforms it names and validates it (validate-config.ts).
 */
import { loadProfiles } from '../providers/registry.ts';
import { validateConfig, type UnknownKeys } from './validate-config.ts';
import { ConfigError } from './config-error.ts';
import { AppError } from '../oauth/errors.ts';
import { requestConfig } from './request-config.ts';
import type { AppConfig } from './types.ts';

export { ConfigError } from './config-error.ts';

/**
 * Fetches and validates the deployment's config.json (relative to the page by default), or reads the
 * answer to a request already sent (`requested`, see requestConfig).
 * CONFIG_MISSING when the server has no such file (404 or any non-2xx answer); CONFIG_INVALID when
 * it is not JSON or a field is wrong: both for whoever deploys the site. APP_UNAVAILABLE when it
 * could not be fetched at all (no network: the page came, then the connection went) or the profile
 * of a platform it names did not download: for the person here, who can try again.
 */
export async function loadConfig(fetch: typeof globalThis.fetch, url = 'config.json', requested?: Promise<Response>): Promise<AppConfig> {
  let response: Response;
  try {
    response = await (requested ?? requestConfig(fetch, url));
  } catch (error) {
    // Not the file's fault: nothing came back. "This deployment has no configuration" would send the
    // person to whoever deployed the site for their own connection's fault.
    throw new AppError('APP_UNAVAILABLE', 'config.json could not be reached', { cause: error });
  }
  if (!response.ok) {
    throw new ConfigError(
      'CONFIG_MISSING',
      '',
      response.status === 404
        ? 'Put a config.json file next to index.html on the web server.'
        : `The server answered HTTP ${response.status} for config.json; check that the file is deployed and readable.`,
    );
  }
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    throw new AppError('APP_UNAVAILABLE', 'config.json could not be read to its end', { cause: error }); // the connection went on the way
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const lint = await import('./config-lint.ts').catch(() => undefined);
    throw new ConfigError('CONFIG_INVALID', '', lint?.jsonProblem(text, error) ?? 'config.json is not valid JSON.', { cause: error });
  }
  try {
    await loadProfilesFor(json);
  } catch (error) {
    // Not the file's fault: a platform's code did not download (offline, or a deployment replaced).
    throw new AppError('APP_UNAVAILABLE', 'a platform profile could not be loaded', { cause: error });
  }
  const unknown: UnknownKeys[] = [];
  try {
    return validateConfig(json, unknown);
  } catch (error) {
    // A problem validateConfig names by a key: its sentence loads only now (offline, a short one).
    if (!(error instanceof ConfigError && /^[a-z]+(\n|$)/.test(error.hint))) throw error;
    const lint = await import('./config-lint.ts').catch(() => undefined);
    throw new ConfigError('CONFIG_INVALID', error.field, lint?.sentence(error.hint) ?? 'Compare config.json with the example in the README.');
  } finally {
    // Keys a platform did not ask for: one that nearly spells a key the entry lacks is named, also
    // before the missing key it stands for (the checker loads only then; offline, nothing more is said).
    if (unknown.length > 0) {
      const lint = await import('./config-lint.ts').catch(() => undefined);
      unknown.forEach((entry) => lint?.refuseMisspelt(entry));
    }
  }
}

/**
 * Loads the platform profiles the stores of parsed config.json name, so that validateConfig can
 * check their entries. Never throws for a bad file: validation names the problem.
 */
export async function loadProfilesFor(json: unknown): Promise<void> {
  const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
  const stores = isObject(json) && Array.isArray(json.stores) ? (json.stores as unknown[]) : [];
  await loadProfiles(stores.map((store) => (isObject(store) ? store.kind : undefined)));
}
