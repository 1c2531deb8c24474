/**
 * Peers bundled alone at bench time (Vite/rolldown, minified, into a temp dir): the same byte
 * measure as ours, so the ratios compare like with like.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { compressedSize } from './bytes.ts';
import type { Figure } from './report.ts';

interface Peer {
  id: string;
  label: string;
  /** The module bundled as the library entry. */
  source: string;
  /** The figure of ours it is compared with. */
  ours: string;
}

const PEERS: readonly Peer[] = [
  { id: 'oidcClientTs', label: "oidc-client-ts's UserManager alone", source: "export { UserManager } from 'oidc-client-ts';\n", ours: 'bytes.firstVisit.gzip' },
  { id: 'hellojs', label: 'hellojs alone', source: "export { default } from 'hellojs';\n", ours: 'bytes.firstVisit.gzip' },
];

function installed(name: string, root: string): boolean {
  try {
    createRequire(join(root, 'package.json')).resolve(name);
    return true;
  } catch {
    return false;
  }
}

async function bundle(peer: Peer, root: string): Promise<Buffer> {
  // Inside the project (git-ignored), so that the bundler finds node_modules.
  mkdirSync(join(root, '.test-artifacts'), { recursive: true });
  const dir = mkdtempSync(join(root, '.test-artifacts', `bench-${peer.id}-`));
  try {
    const entry = join(dir, 'entry.js');
    writeFileSync(entry, peer.source);
    const { build } = await import('vite');
    await build({
      root,
      configFile: false,
      logLevel: 'silent',
      build: { outDir: join(dir, 'out'), minify: true, lib: { entry, formats: ['es'], fileName: 'peer' }, emptyOutDir: true },
    });
    const files = readdirSync(join(dir, 'out')).filter((f) => f.endsWith('.js'));
    return Buffer.concat(files.map((f) => readFileSync(join(dir, 'out', f))));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function measurePeers(root: string, ours: readonly Figure[]): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const peer of PEERS) {
    const packageName = peer.source.match(/from '([^']+)'/)![1]!;
    if (!installed(packageName, root)) {
      figures.push({ id: `peers.${peer.id}.gzip`, section: 'bytes', label: `${peer.label}, gzip`, unit: 'bytes', value: null, method: 'not installed' });
      continue;
    }
    const code = await bundle(peer, root);
    const gzip = compressedSize(code, 'gzip');
    const method = 'bundled alone with Vite (rolldown, minified) into a temp dir at bench time; gzip -9';
    figures.push({ id: `peers.${peer.id}.gzip`, section: 'bytes', label: `${peer.label}, gzip`, unit: 'bytes', value: gzip, method });
    const our = ours.find((f) => f.id === peer.ours)?.value;
    if (typeof our === 'number') {
      figures.push({
        id: `peers.${peer.id}.ratio`,
        section: 'bytes',
        label: `our first visit ÷ ${peer.label}`,
        unit: 'ratio',
        value: our / gzip,
        method: `${peer.ours} divided by the peer's gzip bytes (below 1: ours is smaller)`,
      });
    }
  }
  return figures;
}
