import 'fake-indexeddb/auto';
import './load-profiles.ts';
import '@testing-library/jest-dom/vitest';
import { configure } from '@testing-library/svelte';
import { WAIT_MS } from './patient-waits.ts';

configure({ asyncUtilTimeout: WAIT_MS });
