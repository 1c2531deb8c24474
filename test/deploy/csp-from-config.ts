/**
 * `npm run csp -- [config.json] [--base /path/] [--header]`
 *
 * Prints the `_headers` file for a deployment's config.json (default public/config.json), or with
 * --header only the Content-Security-Policy value, for CDNs configured some other way.
 */
import { buildCsp, buildHeadersFile } from './csp.ts';
import { configProblem, readDeploymentConfig } from './read-config.ts';

const args = process.argv.slice(2);
let configPath = 'public/config.json';
let basePath = '/';
let headerOnly = false;
for (let i = 0; i < args.length; i++) {
  const arg = args[i];
  if (arg === '--base' || arg?.startsWith('--base=')) {
    const value = arg === '--base' ? args[++i] : arg.slice('--base='.length);
    if (value === undefined || value === '' || value.startsWith('--')) {
      process.stderr.write('--base needs the path the app is deployed under, like --base /shops/acme/\n');
      process.exit(2);
    }
    basePath = value;
  }
  else if (arg === '--header') headerOnly = true;
  else if (arg !== undefined && !arg.startsWith('--')) configPath = arg;
  else {
    process.stderr.write(`unknown option ${arg}\n`);
    process.exit(2);
  }
}

try {
  const config = await readDeploymentConfig(configPath);
  process.stdout.write(headerOnly ? `${buildCsp(config)}\n` : buildHeadersFile(config, { basePath }));
} catch (error) {
  process.stderr.write(`${configProblem(configPath, error)}\n`);
  process.exit(1);
}
