/**
 * What `npm run build` leaves in dist/ for a deployment (the end-to-end setup runs the same build):
 * a `_headers` file derived from the config.json it ships (no hand step), and the widget pinned by
 * content for Subresource Integrity.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILD_DIR } from '../helpers/paths.ts';
import { buildHeadersFile, validateDeploymentConfig } from '../deploy/csp.ts';

describe('the build output', () => {
  it('carries _headers written from the config.json it ships, with a strict img-src', async () => {
    const shipped = JSON.parse(await readFile(join(BUILD_DIR, 'config.json'), 'utf8')) as unknown;
    const headers = await readFile(join(BUILD_DIR, '_headers'), 'utf8');
    expect(headers).toBe(buildHeadersFile(validateDeploymentConfig(shipped)));
    const csp = /Content-Security-Policy: (.*)/.exec(headers)?.[1] ?? '';
    // exactly the stores' API origins and the image hosts config.json declares (the demo's Goodsie
    // store, the Shopware shop and its media host), nothing wider
    expect(/img-src ([^;]*);/.exec(csp)?.[1]?.split(' ')).toEqual(["'self'", 'http://127.0.0.1:4010', 'http://127.0.0.1:4020', 'http://127.0.0.1:4021']);
    expect(csp).not.toMatch(/img-src[^;]* https:[ ;]/);
  });

  it('pins every widget output by content: widget/integrity.json names a sha384 copy beside it', async () => {
    const pins = JSON.parse(await readFile(join(BUILD_DIR, 'widget', 'integrity.json'), 'utf8')) as Record<string, { file: string; integrity: string }>;
    expect(Object.keys(pins)).toContain('widget.js');
    for (const [name, pin] of Object.entries(pins)) {
      expect(pin.file).toMatch(/^widget\/[0-9a-f]{16}\.js$/);
      expect((await readFile(join(BUILD_DIR, pin.file))).equals(await readFile(join(BUILD_DIR, name)))).toBe(true);
      expect(pin.integrity).toMatch(/^sha384-[A-Za-z0-9+/]{64}$/);
    }
  });
});
