import 'fake-indexeddb/auto';
import './load-profiles.ts';
