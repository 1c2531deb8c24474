import 'fake-indexeddb/auto';
import './load-profiles.ts';
import './patient-waits.ts';
