/**
 * Reads a deployment's config.json file as the app reads it (a UTF-8 byte order mark dropped, as
 * browsers drop it) and checks it as `validateDeploymentConfig` does: what `npm run build` and
 * `npm run csp` derive the headers from. A file that does not parse is a ConfigError saying where,
 * in the app's words (config-lint.ts, `jsonProblem`), not the parser's character offset.
 */
import { readFile } from 'node:fs/promises';
import { ConfigError } from '../../src/lib/config/config-error.ts';
import { jsonProblem } from '../../src/lib/config/config-lint.ts';
import { loadProfilesFor } from '../../src/lib/config/load-config.ts';
import { validateDeploymentConfig, type DeploymentConfig } from './csp.ts';

export async function readDeploymentConfig(path: string): Promise<DeploymentConfig> {
  const text = (await readFile(path, 'utf8')).replace(/^\uFEFF/, '');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ConfigError('CONFIG_INVALID', '', jsonProblem(text, error), { cause: error });
  }
  await loadProfilesFor(json);
  return validateDeploymentConfig(json);
}

/** What to print for a problem with the file at `path`: the file, the field at fault and how to fix it. */
export function configProblem(path: string, error: unknown): string {
  if (error instanceof ConfigError) return `${path}${error.field === '' ? '' : ` ${error.field}`}: ${error.hint}`;
  return `${path}: ${error instanceof Error ? error.message : String(error)}`;
}
