/** The app's config.json entry for a running FlickRocket test server (the default client, id 'fr'). */
import type { FlickRocketStoreConfig } from '../../../src/lib/connect/store-config.ts';
import { DEFAULT_CLIENT } from './server.ts';

export function flickRocketStoreConfig(origin: string, overrides: Partial<FlickRocketStoreConfig> = {}): FlickRocketStoreConfig {
  return {
    id: 'fr',
    kind: 'flickrocket',
    name: 'FR',
    authorizationEndpoint: `${origin}/oauth2/auth`,
    tokenEndpoint: `${origin}/token`,
    apiBase: origin,
    clientId: DEFAULT_CLIENT.clientId,
    redirectUri: DEFAULT_CLIENT.redirectUris[0]!,
    defaultScopes: ['products'],
    ...overrides,
  };
}
