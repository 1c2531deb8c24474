import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_BUNDLE } from '../../../platforms/foxy/constants.ts';
import { startFoxyStore, type FoxyStore } from '../../../platforms/foxy/server.ts';
import { BundleError, bundleFromFields, parseFoxyBundle } from '../../../../src/lib/providers/foxy/bundle.ts';

const expected = { clientId: DEMO_BUNDLE.client_id, clientSecret: DEMO_BUNDLE.client_secret, refreshToken: DEMO_BUNDLE.refresh_token };
let store: FoxyStore;
let pageBlock: string;

beforeAll(async () => {
  store = await startFoxyStore({ port: 0 });
  const html = await (await fetch(`${store.adminOrigin}/admin/integrations/get-token`)).text();
  // What a person copies from the page: the text of the block (entities decoded as a browser would).
  pageBlock = (/<pre id="token-block"[^>]*>([\s\S]*?)<\/pre>/.exec(html)?.[1] ?? '').replaceAll('&amp;', '&');
});
afterAll(() => store.close());

function problem(text: string): BundleError {
  try {
    parseFoxyBundle(text);
  } catch (error) {
    if (error instanceof BundleError) return error;
    throw error;
  }
  throw new Error('expected a BundleError');
}

describe('parseFoxyBundle', () => {
  it('reads the block of the Get Token page, ignoring its access_token', () => {
    expect(pageBlock).toContain('access_token: ');
    expect(parseFoxyBundle(pageBlock)).toEqual(expected);
  });

  it('reads the block with surrounding text, CRLF, tabs, = and spaced labels', () => {
    const text = [
      'Here are your credentials:',
      `Client ID\t${DEMO_BUNDLE.client_id}`,
      `Client Secret = ${DEMO_BUNDLE.client_secret}`,
      `Access Token: abc`,
      `Refresh-Token:   "${DEMO_BUNDLE.refresh_token}",`,
    ].join('\r\n');
    expect(parseFoxyBundle(text)).toEqual(expected);
  });

  it('reads a block whose quotes a chat or a document made typographic (“client_id”: “…”)', () => {
    const text = ['{', `  “client_id”: “${DEMO_BUNDLE.client_id}”,`, `  “client_secret”: “${DEMO_BUNDLE.client_secret}”,`, `  ‘refresh_token’: ‘${DEMO_BUNDLE.refresh_token}’`, '}'].join('\n');
    expect(parseFoxyBundle(text)).toEqual(expected);
  });

  it('reads labels alone on a line with the value on the next (a copied table)', () => {
    const text = `client_id\n${DEMO_BUNDLE.client_id}\n\nclient_secret\n${DEMO_BUNDLE.client_secret}\nrefresh_token:\n${DEMO_BUNDLE.refresh_token}\n`;
    expect(parseFoxyBundle(text)).toEqual(expected);
  });

  it('accepts JSON, flat or with the tokens nested under token (the create-client answer)', () => {
    expect(parseFoxyBundle(JSON.stringify({ ...DEMO_BUNDLE, access_token: 'x', expires_in: 7200 }))).toEqual(expected);
    const nested = { client_id: DEMO_BUNDLE.client_id, client_secret: DEMO_BUNDLE.client_secret, token: { access_token: 'x', refresh_token: DEMO_BUNDLE.refresh_token } };
    expect(parseFoxyBundle(JSON.stringify(nested))).toEqual(expected);
  });

  it('names the missing field, never a value', () => {
    const error = problem(`client_id: ${DEMO_BUNDLE.client_id}\nrefresh_token: ${DEMO_BUNDLE.refresh_token}`);
    expect(error).toMatchObject({ code: 'CREDENTIALS_INVALID', field: 'client_secret', problem: 'missing' });
    expect(error.message).toContain('client_secret');
    expect(error.message).not.toContain(DEMO_BUNDLE.refresh_token);
    expect(problem(`client_id: a\nclient_secret: b`).field).toBe('refresh_token');
  });

  it('refuses text without any of the fields, and a field given twice with different values', () => {
    expect(problem('hello there').problem).toBe('unreadable');
    // shown to the person as written: sentences, saying where the whole block is
    expect(problem('hello there').message).toBe(
      'The pasted text holds none of client_id, client_secret and refresh_token. Copy the whole block from Foxy’s Integrations › Get Token page.',
    );
    expect(problem('').problem).toBe('unreadable');
    const twice = problem(`${pageBlock}\nrefresh_token: another-one`);
    expect(twice).toMatchObject({ field: 'refresh_token', problem: 'conflicting' });
  });

  it('says a cut-off JSON paste is cut off, not that it holds none of the fields', () => {
    const cut = problem('{"client_id": "x"');
    expect(cut).toMatchObject({ code: 'CREDENTIALS_INVALID', problem: 'cut-off' });
    expect(cut.message).toBe('This looks like Foxy’s bundle, but it is cut off: copy all of it, from { to }.');
    const whole = JSON.stringify(DEMO_BUNDLE, null, 2);
    const stopped = problem(whole.slice(0, whole.indexOf('refresh_token') + 20));
    expect(stopped.problem).toBe('cut-off');
    expect(stopped.message).not.toContain(DEMO_BUNDLE.client_secret);
  });

  it('names every field a JSON bundle that parses lacks', () => {
    const error = problem(JSON.stringify({ client_id: 'x' }));
    expect(error).toMatchObject({ problem: 'missing', field: 'client_secret', missing: ['client_secret', 'refresh_token'] });
    expect(error.message).toBe('The pasted text has no client_secret and refresh_token. Copy the whole block from Foxy’s Integrations › Get Token page.');
  });

  it('refuses a JSON value that is not a string', () => {
    expect(problem(JSON.stringify({ ...DEMO_BUNDLE, client_secret: 42 }))).toMatchObject({ field: 'client_secret', problem: 'malformed' });
  });
});

describe('bundleFromFields', () => {
  it('trims and checks three typed values', () => {
    expect(bundleFromFields({ clientId: ` ${expected.clientId} `, clientSecret: expected.clientSecret, refreshToken: `${expected.refreshToken}\n` })).toEqual(expected);
  });

  it('names an empty or malformed field', () => {
    expect(() => bundleFromFields({ ...expected, clientId: '  ' })).toThrow(expect.objectContaining({ field: 'client_id', problem: 'missing' }));
    expect(() => bundleFromFields({ ...expected, clientSecret: 'has space' })).toThrow(expect.objectContaining({ field: 'client_secret', problem: 'malformed' }));
  });
});
