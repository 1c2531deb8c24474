/**
 * Shopware 6's connectors against the faithful server (test/platforms/shopware): both modes, renewal
 * (client_credentials again; rotating refresh), and every failure of the bad-input list with its own
 * code and words, none of which echoes a value that was sent.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../../src/lib/oauth/errors.ts';
import { HttpError } from '../../../../src/lib/oauth/http-errors.ts';
import { integrationConnector, passwordConnector, shopware6Connector } from '../../../../src/lib/providers/shopware6/connectors.ts';
import { tokenFailure } from '../../../../src/lib/providers/shopware6/token.ts';
import { ADMIN, BROWSE } from '../../../platforms/shopware/client.ts';
import { startShopwareStore, type ShopwareStore } from '../../../platforms/shopware/server.ts';
import { credentialOf, swStore } from './sw-transport.ts';

let server: ShopwareStore;
beforeAll(async () => {
  server = await startShopwareStore({ port: 0, throttleDivisor: 1000 });
});
afterAll(() => server.close());

const ctx = () => ({ store: swStore(server.origin), fetch, now: Date.now });

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

function expectNoSecret(error: AppError, ...secrets: string[]): void {
  for (const secret of secrets) {
    expect(error.message).not.toContain(secret);
    expect(JSON.stringify(error)).not.toContain(secret);
  }
}

describe('integration mode', () => {
  it('connects with client_credentials sent as JSON, keeps key id and secret for renewal, no refresh token', async () => {
    const before = server.stats().tokenRequests.contentTypes.length;
    const issued = await integrationConnector.connect(ctx(), { accessKeyId: ` ${BROWSE.accessKeyId} `, secretAccessKey: BROWSE.secret });
    expect(issued.mode).toBe('integration');
    expect(issued.tokens?.refreshToken).toBeUndefined();
    expect(issued.tokens!.expiresAt! - issued.tokens!.obtainedAt).toBe(600_000);
    expect(issued.secrets).toEqual({ accessKeyId: BROWSE.accessKeyId, secretAccessKey: BROWSE.secret });
    expect(server.stats().tokenRequests.contentTypes.slice(before)).toEqual(['application/json']);
    const headers = new Headers();
    integrationConnector.sign(credentialOf(issued), headers);
    expect(headers.get('Authorization')).toBe(`Bearer ${issued.tokens!.accessToken}`);
  });

  it('a key ID and secret pasted in quotes (straight or typographic, as a chat or a document copies them) connect as the bare values; a password keeps its quotes', async () => {
    const issued = await integrationConnector.connect(ctx(), { accessKeyId: `"${BROWSE.accessKeyId}"`, secretAccessKey: `\u201C${BROWSE.secret}\u201D\n` });
    expect(issued.secrets).toEqual({ accessKeyId: BROWSE.accessKeyId, secretAccessKey: BROWSE.secret });
    const error = await failure(passwordConnector.connect(ctx(), { username: 'admin', password: '"shopware"' }));
    expect(error.code).toBe('CREDENTIALS_REJECTED');
  });

  it('renews by asking again with the stored secret (a new token, same secrets)', async () => {
    const issued = await integrationConnector.connect(ctx(), { accessKeyId: ADMIN.accessKeyId, secretAccessKey: ADMIN.secret });
    const renewed = await integrationConnector.renew!(ctx(), credentialOf(issued));
    expect(renewed.tokens!.accessToken).not.toBe(issued.tokens!.accessToken);
    expect(renewed.secrets).toEqual(issued.secrets);
  });

  it('a wrong secret is CREDENTIALS_REJECTED in plain words, without the secret', async () => {
    const error = await failure(integrationConnector.connect(ctx(), { accessKeyId: BROWSE.accessKeyId, secretAccessKey: 'not-the-secret-xyz' }));
    expect(error.code).toBe('CREDENTIALS_REJECTED');
    // only why: the form's heading says what was refused (credential-words.ts)
    expect(error.message).toBe('The values are wrong, or the integration was deleted.');
    expectNoSecret(error, 'not-the-secret-xyz', BROWSE.accessKeyId);
  });

  it('an unknown key prefix is refused before sending; the server’s 500 for it maps the same way', async () => {
    const before = server.stats().tokenRequests.total;
    const error = await failure(integrationConnector.connect(ctx(), { accessKeyId: 'XXIA1234567890ABCDEF', secretAccessKey: 's' }));
    expect(error.code).toBe('CREDENTIALS_INVALID');
    expect(server.stats().tokenRequests.total).toBe(before);
    const answer = await fetch(`${server.origin}/api/oauth/token`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ grant_type: 'client_credentials', client_id: 'XXIA1234567890ABCDEF', client_secret: 's' }) });
    expect(answer.status).toBe(500);
    const mapped = tokenFailure(answer.status, await answer.json(), 'client_credentials');
    expect(mapped.code).toBe('CREDENTIALS_INVALID');
    expect(mapped.message).toMatch(/SWIA/);
  });

  it('an ID typed in small letters connects: it is sent in capitals, as Shopware makes every ID (a small-letter swia… is its 500), and kept so for renewals', async () => {
    const lower = BROWSE.accessKeyId.toLowerCase();
    const before = server.stats().tokenRequests.byCredential[BROWSE.accessKeyId] ?? 0;
    const issued = await integrationConnector.connect(ctx(), { accessKeyId: ` ${lower} `, secretAccessKey: BROWSE.secret });
    expect(issued.secrets?.accessKeyId).toBe(BROWSE.accessKeyId);
    expect(server.stats().tokenRequests.byCredential[BROWSE.accessKeyId]).toBe(before + 1);
    expect(server.stats().tokenRequests.byCredential[lower]).toBeUndefined();
  });

  it('a deleted integration ends the session on renewal (TOKEN_EXPIRED), so reconnecting keeps the place', async () => {
    const other = await startShopwareStore({ port: 0 });
    try {
      const context = { store: swStore(other.origin), fetch, now: Date.now };
      const issued = await integrationConnector.connect(context, { accessKeyId: BROWSE.accessKeyId, secretAccessKey: BROWSE.secret });
      other.revokeIntegration(BROWSE.accessKeyId);
      const error = await failure(integrationConnector.renew!(context, credentialOf(issued)));
      expect(error.code).toBe('TOKEN_EXPIRED');
      expectNoSecret(error, BROWSE.secret);
    } finally {
      await other.close();
    }
  });

  it('an unreachable server is NETWORK_OR_CORS, never wrong credentials', async () => {
    const other = await startShopwareStore({ port: 0 });
    const origin = other.origin;
    await other.close();
    const error = await failure(integrationConnector.connect({ store: swStore(origin), fetch, now: Date.now }, { accessKeyId: BROWSE.accessKeyId, secretAccessKey: BROWSE.secret }));
    expect(error.code).toBe('NETWORK_OR_CORS');
    expect(error.message).toMatch(/CORS/);
  });

  it('an empty field names the field', async () => {
    const error = await failure(integrationConnector.connect(ctx(), { accessKeyId: BROWSE.accessKeyId, secretAccessKey: '  ' }));
    expect(error.code).toBe('CREDENTIALS_INVALID');
    expect(error.message).toBe('Enter the secret access key.');
    expect(error.formField).toBe('secretAccessKey');
  });

  it('the ID and the secret swapped are said to be, before sending, on the ID’s field; a bad prefix names that field too', async () => {
    const before = server.stats().tokenRequests.total;
    const swapped = await failure(integrationConnector.connect(ctx(), { accessKeyId: BROWSE.secret, secretAccessKey: BROWSE.accessKeyId }));
    expect(swapped.code).toBe('CREDENTIALS_INVALID');
    expect(swapped.message).toMatch(/^The access key ID and the secret access key are swapped/);
    expect(swapped.message).not.toContain(BROWSE.secret);
    expect(swapped.formField).toBe('accessKeyId');
    const prefix = await failure(integrationConnector.connect(ctx(), { accessKeyId: 'XXIA1234567890ABCDEF', secretAccessKey: 's' }));
    expect(prefix.formField).toBe('accessKeyId');
    expect(server.stats().tokenRequests.total).toBe(before);
  });
});

describe('password mode', () => {
  it('connects as client administration with scope write; the result holds tokens only, never the password', async () => {
    const issued = await passwordConnector.connect(ctx(), { username: 'admin', password: 'shopware' });
    expect(issued.mode).toBe('password');
    expect(issued.tokens?.refreshToken).toBeTruthy();
    expect(issued.secrets).toBeUndefined();
    expect(JSON.stringify(issued)).not.toContain('shopware"');
  });

  it('renewal rotates the refresh token; the old one is then refused with code 8 -> TOKEN_EXPIRED (ask for the password)', async () => {
    const issued = await passwordConnector.connect(ctx(), { username: 'admin', password: 'shopware' });
    const renewed = await passwordConnector.renew!(ctx(), credentialOf(issued));
    expect(renewed.tokens!.refreshToken).toBeTruthy();
    expect(renewed.tokens!.refreshToken).not.toBe(issued.tokens!.refreshToken);
    const error = await failure(passwordConnector.renew!(ctx(), credentialOf(issued)));
    expect(error.code).toBe('TOKEN_EXPIRED');
    expect(error.message).toMatch(/enter the password again/);
  });

  it('code 8 as 401 (league 8) also asks for the password again', async () => {
    const league8 = await startShopwareStore({ port: 0, league: 8 });
    try {
      const context = { store: swStore(league8.origin), fetch, now: Date.now };
      const issued = await passwordConnector.connect(context, { username: 'admin', password: 'shopware' });
      await passwordConnector.renew!(context, credentialOf(issued));
      const error = await failure(passwordConnector.renew!(context, credentialOf(issued)));
      expect(error).toBeInstanceOf(HttpError);
      expect((error as HttpError).status).toBe(401);
      expect(error.code).toBe('TOKEN_EXPIRED');
    } finally {
      await league8.close();
    }
  });

  it('a password is sent as typed, spaces at its ends included (Shopware compares it so); the username is trimmed; spaces only are no password', async () => {
    const spaced = await startShopwareStore({ port: 0, throttleDivisor: 1000 });
    try {
      spaced.changePassword('viewer', ' two words ');
      const context = { store: swStore(spaced.origin), fetch, now: Date.now };
      const issued = await passwordConnector.connect(context, { username: ' viewer ', password: ' two words ' });
      expect(issued.tokens?.refreshToken).toBeTypeOf('string');
      // the same without its spaces is another password
      expect((await failure(passwordConnector.connect(context, { username: 'viewer', password: 'two words' }))).code).toBe('CREDENTIALS_REJECTED');
      const blank = await failure(passwordConnector.connect(context, { username: 'viewer', password: '   ' }));
      expect(blank).toMatchObject({ code: 'CREDENTIALS_INVALID', formField: 'password', message: 'Enter the password.' });
    } finally {
      await spaced.close();
    }
  });

  it('a wrong password is CREDENTIALS_REJECTED; after 10 attempts even the right password is throttled with the wait named', async () => {
    const throttled = await startShopwareStore({ port: 0 });
    try {
      const context = { store: swStore(throttled.origin), fetch, now: Date.now };
      const wrong = await failure(passwordConnector.connect(context, { username: 'viewer', password: 'nope-123' }));
      expect(wrong.code).toBe('CREDENTIALS_REJECTED');
      expect(wrong.message).toBe('The username or the password is wrong.');
      expectNoSecret(wrong, 'nope-123');
      for (let i = 0; i < 9; i++) await failure(passwordConnector.connect(context, { username: 'viewer', password: 'nope-123' }));
      const error = await failure(passwordConnector.connect(context, { username: 'viewer', password: 'viewer-demo-1' }));
      expect(error.code).toBe('API_RATE_LIMITED');
      expect((error as HttpError).retryAfter).toBe(10);
      expect(error.message).toMatch(/wait 10 seconds/);
      expect(error.message).toMatch(/even with correct credentials/);
      // a wait of one second in the singular
      const oneSecond = tokenFailure(429, { errors: [{ code: 'FRAMEWORK__AUTH_THROTTLED', meta: { parameters: { seconds: 1 } } }] }, 'password');
      expect(oneSecond.message).toMatch(/wait a second and try again/);
    } finally {
      await throttled.close();
    }
  });
});

describe('shopware6Connector', () => {
  it('finds each mode and refuses others', () => {
    expect(shopware6Connector('integration').mode).toBe('integration');
    expect(shopware6Connector('password').mode).toBe('password');
    expect(() => shopware6Connector('code')).toThrow(AppError);
  });
});
