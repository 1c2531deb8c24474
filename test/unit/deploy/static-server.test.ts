/**
 * The static server the end-to-end tests and the bench serve the build from answers as a CDN does:
 * text (HTML, JS, CSS, JSON, SVG) compressed per Accept-Encoding, with Vary; pictures as they are.
 * Lighthouse measures the app through it, so an uncompressed answer would count against the app.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStaticServer, type StaticServer } from '../../helpers/static-server.ts';
import { decodedBody, rawGet } from '../../helpers/raw-http.ts';
import { ASSET_HEADERS, CONFIG_HEADERS, PAGE_HEADERS } from '../../deploy/csp.ts';

let root: string;
let server: StaticServer;
let plain: StaticServer;
const script = `export const words = ${JSON.stringify(Array.from({ length: 400 }, (_, i) => `word ${i}`))};\n`;
const picture = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256));

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'static-server-'));
  writeFileSync(join(root, 'app.js'), script);
  writeFileSync(join(root, 'photo.png'), picture);
  mkdirSync(join(root, 'assets'));
  writeFileSync(join(root, 'assets', 'chunk-abc123.js'), script);
  writeFileSync(join(root, 'config.json'), '{"stores":[]}');
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>app</title>');
  plain = await startStaticServer({ root, basePath: '/shop/' });
  server = await startStaticServer({ root, basePath: '/shop/', overrides: { 'config.json': JSON.stringify({ stores: Array.from({ length: 120 }, (_, i) => ({ id: `store-${i}` })) }) } });
});
afterAll(async () => {
  await server.close();
  await plain.close();
  rmSync(root, { recursive: true, force: true });
});

describe('static server compression', () => {
  it.each([
    ['br', 'gzip, deflate, br'],
    ['gzip', 'gzip'],
  ])('a script goes %s when accepted, with Vary and its own length, and decodes to the file', async (encoding, accept) => {
    const answer = await rawGet(`${server.url}app.js`, { 'Accept-Encoding': accept });
    expect(answer.status).toBe(200);
    expect(answer.headers['content-encoding']).toBe(encoding);
    expect(answer.headers['vary']).toMatch(/Accept-Encoding/);
    expect(Number(answer.headers['content-length'])).toBe(answer.body.length);
    expect(answer.body.length).toBeLessThan(script.length / 3);
    expect(decodedBody(answer)).toBe(script);
  });

  it('sends the file as it is to a client that accepts no encoding', async () => {
    const answer = await rawGet(`${server.url}app.js`, {});
    expect(answer.headers['content-encoding']).toBeUndefined();
    expect(answer.body.toString('utf8')).toBe(script);
  });

  it('compresses an overridden config.json too, and leaves a PNG alone', async () => {
    const config = await rawGet(`${server.url}config.json`, { 'Accept-Encoding': 'gzip' });
    expect(config.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(decodedBody(config)).stores).toHaveLength(120);
    const photo = await rawGet(`${server.url}photo.png`, { 'Accept-Encoding': 'gzip, br' });
    expect(photo.headers['content-encoding']).toBeUndefined();
    expect(photo.body.equals(picture)).toBe(true);
  });
});

describe('static server caching, as the shipped _headers says', () => {
  it('caches hashed assets for good and has config.json revalidated', async () => {
    const asset = await rawGet(`${plain.url}assets/chunk-abc123.js`, {});
    expect(asset.headers['cache-control']).toBe(ASSET_HEADERS['Cache-Control']);
    const config = await rawGet(`${plain.url}config.json`, {});
    expect(config.headers['cache-control']).toBe(CONFIG_HEADERS['Cache-Control']);
    expect((await rawGet(`${plain.url}app.js`, {})).headers['cache-control']).toBeUndefined();
  });

  it('has index.html revalidated, asked for by the folder’s address or by name', async () => {
    expect(PAGE_HEADERS['Cache-Control']).toBe('no-cache');
    for (const address of [plain.url, `${plain.url}index.html`]) {
      const page = await rawGet(address, {});
      expect(page.status, address).toBe(200);
      expect(page.headers['cache-control'], address).toBe('no-cache');
    }
  });

  it('answers a revalidation of an unchanged file with a 304 and no body, and a stale one with the file', async () => {
    const first = await rawGet(`${plain.url}config.json`, { 'Accept-Encoding': 'gzip' });
    const etag = first.headers['etag'] as string;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    const again = await rawGet(`${plain.url}config.json`, { 'If-None-Match': etag });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    const stale = await rawGet(`${plain.url}config.json`, { 'If-None-Match': '"not-it"' });
    expect(stale.status).toBe(200);
    expect(stale.body.toString('utf8')).toBe('{"stores":[]}');
  });

  it('sends the same compressed bytes for the same file and encoding each time', async () => {
    const a = await rawGet(`${plain.url}assets/chunk-abc123.js`, { 'Accept-Encoding': 'br' });
    const b = await rawGet(`${plain.url}assets/chunk-abc123.js`, { 'Accept-Encoding': 'br' });
    expect(a.headers['content-encoding']).toBe('br');
    expect(b.body.equals(a.body)).toBe(true);
    expect(decodedBody(b)).toBe(script);
  });
});
