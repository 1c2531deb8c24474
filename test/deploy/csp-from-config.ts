/**
 * `npm run csp -- [config.json] [--base /path/] [--header]`
 *
 * Prints the `_headers` file for a deployment's config.json (default public/config.json), or with
 * --header only the Content-Security-Policy value, for CDNs configured some other way.
 */
import { readFile } from 'node:fs/promises';
import { buildCsp, buildHeadersFile, validateDeploymentConfig } from './csp.ts';
import { loadProfilesFor } from '../../src/lib/config/load-config.ts';

const args = process.argv.slice(2);
let configPath = 'public/config.json';
let basePath = '/';
let headerOnly = false;
for (let i = 0; i < args.length; i++) {
  const arg = args[i];
  if (arg === '--base') basePath = args[++i] ?? '/';
  else if (arg === '--header') headerOnly = true;
  else if (arg !== undefined && !arg.startsWith('--')) configPath = arg;
  else {
    process.stderr.write(`unknown option ${arg}\n`);
    process.exit(2);
  }
}

try {
  // A UTF-8 byte order mark, which browsers drop when they read the file, is dropped here too.
  const json: unknown = JSON.parse((await readFile(configPath, 'utf8')).replace(/^\uFEFF/, ''));
  await loadProfilesFor(json);
  const config = validateDeploymentConfig(json);
  process.stdout.write(headerOnly ? `${buildCsp(config)}\n` : buildHeadersFile(config, { basePath }));
} catch (error) {
  process.stderr.write(`${configPath}: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
