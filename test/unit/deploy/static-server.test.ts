/**
 * The static server the end-to-end tests and the bench serve the build from answers as a CDN does:
 * text (HTML, JS, CSS, JSON, SVG) compressed per Accept-Encoding, with Vary; pictures as they are.
 * Lighthouse measures the app through it, so an uncompressed answer would count against the app.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStaticServer, type StaticServer } from '../../helpers/static-server.ts';
import { decodedBody, rawGet } from '../../helpers/raw-http.ts';

let root: string;
let server: StaticServer;
const script = `export const words = ${JSON.stringify(Array.from({ length: 400 }, (_, i) => `word ${i}`))};\n`;
const picture = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256));

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'static-server-'));
  writeFileSync(join(root, 'app.js'), script);
  writeFileSync(join(root, 'photo.png'), picture);
  server = await startStaticServer({ root, basePath: '/shop/', overrides: { 'config.json': JSON.stringify({ stores: Array.from({ length: 120 }, (_, i) => ({ id: `store-${i}` })) }) } });
});
afterAll(async () => {
  await server.close();
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
