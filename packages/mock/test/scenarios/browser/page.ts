// The page of the browser test: msw's service worker with the scenario handlers, as a consumer's app would start it.
import { setupWorker } from 'msw/browser';
import { createScenarioHandlers } from '../../../src/scenarios/msw.js';
import { onUnhandled } from '../mswOptions.js';

const worker = setupWorker(...createScenarioHandlers());
await worker.start({ serviceWorker: { url: '/mockServiceWorker.js' }, quiet: true, ...onUnhandled('bypass') });
(globalThis as { mockReady?: boolean }).mockReady = true;
