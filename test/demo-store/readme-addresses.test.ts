/**
 * The README's table of demo stores against the demo's own servers: every address a newcomer is
 * told to open there (a store's address, a page named by its path, the Get Token page) answers a
 * page a person can read, not a 404 or an API's JSON error. And the Goodsie demo's product and
 * draft counts the README gives are the store's. The servers start as `npm run demo`
 * starts them (demo.ts), on free ports; the README's fixed ports are mapped to them below.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT_DIR } from '../helpers/paths.ts';
import { startDemoStore } from './server.ts';
import { startShopwareStore } from '../platforms/shopware/server.ts';
import { startStoreHippoStore } from '../platforms/storehippo/server.ts';
import { startFoxyStore } from '../platforms/foxy/server.ts';
import { startFlickRocketStore } from '../platforms/flickrocket/server.ts';

const README = readFileSync(join(ROOT_DIR, 'README.md'), 'utf8');
const DEMO = readFileSync(join(ROOT_DIR, 'test/demo-store/demo.ts'), 'utf8');

/** The demo table's rows: store name, address cell, how-to-connect cell. */
function demoRows(): { name: string; address: string; how: string }[] {
  const start = README.indexOf('| store (as the app lists it) |');
  const table = README.slice(start, README.indexOf('\n\n', start)).split('\n').slice(2);
  return table.map((row) => {
    const [name = '', address = '', how = ''] = row.split(' | ').map((cell) => cell.replace(/^\|\s*|\s*\|$/g, ''));
    return { name: name.replace(/\*\*/g, ''), address, how };
  });
}

const servers: { close(): Promise<void> }[] = [];
/** A README port (demo.ts's) -> the origin its server got here. */
const origins = new Map<number, string>();
let goodsieOrigin = '';

beforeAll(async () => {
  const goodsie = await startDemoStore({ port: 0, sendIssuer: true });
  const shopware = await startShopwareStore({ port: 0, mediaPort: 0 });
  const storehippo = await startStoreHippoStore({ port: 0, cdnPort: 0 });
  const foxy = await startFoxyStore({ port: 0, canaryPort: 0, hooksPort: 0, adminPort: 0, sitePort: 0 });
  const flickRocket = await startFlickRocketStore({ port: 0, hooksPort: null, picturesPort: 0 });
  goodsieOrigin = goodsie.origin;
  servers.push(goodsie, shopware, storehippo, foxy, flickRocket);
  for (const [port, origin] of [
    [4010, goodsie.origin],
    [4020, shopware.origin],
    [4030, storehippo.origin],
    [4040, foxy.origin],
    [4043, foxy.adminOrigin],
    [4050, flickRocket.origin],
  ] as const) origins.set(port, origin);
});
afterAll(() => Promise.all(servers.map((server) => server.close())));

/** Each address a row tells a person to open, with the README's port swapped for the one used here. */
function addressesOf(row: { address: string; how: string }): string[] {
  const base = /`(http:\/\/127\.0\.0\.1:\d+)`/.exec(row.address)?.[1];
  const full = [...`${row.address} ${row.how}`.matchAll(/`(http:\/\/127\.0\.0\.1:\d+[^`]*)`/g)].map((match) => match[1]!);
  const paths = base === undefined ? [] : [...row.how.matchAll(/`(\/[^`]+)`/g)].map((match) => `${base}${match[1]}`);
  return [...new Set([...full, ...paths])];
}

describe("README's demo table against the demo's servers", () => {
  it('names the ports demo.ts starts those servers on', () => {
    for (const port of origins.keys()) expect(DEMO).toMatch(new RegExp(`\\b${port}\\b`));
  });

  it.each(demoRows().filter((row) => addressesOf(row).length > 0))('$name: every address it gives answers a page', async (row) => {
    for (const address of addressesOf(row)) {
      const url = new URL(address);
      const origin = origins.get(Number(url.port));
      expect(origin, `${address}: no demo server on that port`).toBeDefined();
      const answer = await fetch(`${origin}${url.pathname}`, { headers: { accept: 'text/html' } });
      expect({ address, status: answer.status, type: answer.headers.get('content-type') }).toEqual({
        address,
        status: 200,
        type: expect.stringContaining('text/html'),
      });
    }
  });

  it("gives the Goodsie demo store's product and draft counts as its own page does", async () => {
    const [, total, published, drafts] = /store\s+holds (\d+) products: the catalogue shows the (\d+) published ones; the other (\d+) are drafts/.exec(README) ?? [];
    expect(total).toBeDefined();
    expect(Number(published) + Number(drafts)).toBe(Number(total));
    const page = await (await fetch(`${goodsieOrigin}/`)).text();
    expect(page).toContain(`${total} generated products`);
    expect(page).toContain(`${published} are published`);
  });
});
