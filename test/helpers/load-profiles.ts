import { knownProviderKinds, loadProfiles } from '../../src/lib/providers/registry.ts';

// The app loads a newer platform's profile when config.json names one of its stores (loadConfig);
// tests validate configs and read profiles directly, so every profile is loaded up front.
await loadProfiles(knownProviderKinds());
