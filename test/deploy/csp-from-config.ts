/**
 * `npm run csp -- [config.json] [--base /path/] [--header] [--out FILE]`
 *
 * Prints the `_headers` file for a deployment's config.json (default public/config.json), or with
 * --header only the Content-Security-Policy value, for CDNs configured some other way. With --out,
 * writes it to FILE instead, and only once the file checked out: a shell's `> dist/_headers` empties
 * the file before the command runs, so a config.json with a problem left an empty `_headers`, a site
 * with no headers at all if deployed.
 */
import { writeFile } from 'node:fs/promises';
import { buildCsp, buildHeadersFile, normaliseBase, type DeploymentConfig } from './csp.ts';
import { configProblem, readDeploymentConfig } from './read-config.ts';

const USAGE = `Usage: npm run csp -- [config.json] [--base PATH] [--header] [--out FILE]
  config.json  the deployment's config.json (default public/config.json)
  --base PATH  the path the app is served under, or its whole address (default /)
  --header     only the Content-Security-Policy value, for CDNs configured some other way
  --out FILE   write to FILE (only once config.json checked out) instead of printing
`;

const args = process.argv.slice(2);
let configPath = 'public/config.json';
let basePath = '/';
let headerOnly = false;
let outPath: string | undefined;
/** The value of `--name VALUE` or `--name=VALUE` at args[i], or exit 2 saying what it needs. */
function valueOf(name: string, need: string, i: number): [string, number] {
  const arg = args[i]!;
  const value = arg === name ? args[i + 1] : arg.slice(name.length + 1);
  if (value === undefined || value === '' || value.startsWith('--')) {
    process.stderr.write(`${name} needs ${need}\n`);
    process.exit(2);
  }
  return [value, arg === name ? i + 1 : i];
}
for (let i = 0; i < args.length; i++) {
  const arg = args[i];
  if (arg === '--base' || arg?.startsWith('--base=')) [basePath, i] = valueOf('--base', 'the path the app is deployed under, like --base /shops/acme/', i);
  else if (arg === '--out' || arg?.startsWith('--out=')) [outPath, i] = valueOf('--out', 'the file to write, like --out dist/_headers', i);
  else if (arg === '--header') headerOnly = true;
  else if (arg === '--help' || arg === '-h') {
    process.stdout.write(USAGE);
    process.exit(0);
  } else if (arg !== undefined && !arg.startsWith('-')) configPath = arg;
  else {
    process.stderr.write(`unknown option ${arg}\n${USAGE}`);
    process.exit(2);
  }
}

/**
 * The stores on the computer that opens the page (an http:// apiBase, allowed only for a loopback
 * host): the demo's, which `npm run build` ships; left in a deployment, its visitors get cards that
 * connect to nothing, and its headers let the page reach their loopback ports. A note, not a refusal:
 * trying a build on this computer is what they are for.
 */
function loopbackNote(config: DeploymentConfig): string {
  const local = [...new Set(config.stores.filter((store) => store.apiBase.startsWith('http:')).map((store) => new URL(store.apiBase).origin))];
  if (local.length === 0) return '';
  return `note: ${configPath} lists stores on this computer's own address (${local.join(', ')}): fine for trying the build here, but a deployed site's visitors cannot reach them; list your own stores (https://) instead and run this again.\n`;
}

try {
  const config = await readDeploymentConfig(configPath);
  const text = headerOnly ? `${buildCsp(config)}\n` : buildHeadersFile(config, { basePath });
  if (outPath === undefined) process.stdout.write(text);
  else {
    await writeFile(outPath, text);
    process.stdout.write(`${outPath} written from ${configPath}${headerOnly ? '' : ` for ${normaliseBase(basePath)}`}\n`);
  }
  process.stderr.write(loopbackNote(config));
} catch (error) {
  process.stderr.write(`${configProblem(configPath, error)}\n`);
  process.exit(1);
}
