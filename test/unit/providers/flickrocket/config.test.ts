/** FlickRocket config entries (platforms.md 3.5): `language` is one FlickRocket keeps product texts in. */
import { describe, expect, it } from 'vitest';
import { ConfigError, validateConfig } from '../../../../src/lib/config/validate-config.ts';

const ENTRY = {
  id: 'fr-shop',
  kind: 'flickrocket',
  name: 'FR Shop',
  authorizationEndpoint: 'https://admin.flickrocket.com/oauth2/auth',
  tokenEndpoint: 'https://admin.flickrocket.com/token',
  apiBase: 'https://admin.flickrocket.com',
  clientId: 'MyApp.2033545684.apps.flickrocket.com',
  redirectUri: 'https://cdn.example.com/shops/fr-shop/',
};

function refusal(language: string): ConfigError | undefined {
  try {
    validateConfig({ stores: [{ ...ENTRY, language }] });
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  return undefined;
}

describe('FlickRocket config: language', () => {
  it('takes the six languages FlickRocket keeps product texts in, in either case', () => {
    for (const language of ['en', 'de', 'es', 'it', 'fr', 'PT']) {
      expect(validateConfig({ stores: [{ ...ENTRY, language }] }).stores[0]).toMatchObject({ language: language.toLowerCase() });
    }
  });

  it('refuses another two-letter code (it would show and edit the English texts without a word), naming the field and the six', () => {
    for (const language of ['nl', 'ja', 'xx', 'e']) {
      const error = refusal(language);
      expect(error?.field).toBe('stores[0].language');
      expect(error?.message).toContain('"en", "de", "es", "it", "fr" or "pt"');
    }
  });
});
