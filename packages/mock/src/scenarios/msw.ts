// The MSW face (msw 2 and 3): request handlers for `setupServer` (Node) and `setupWorker` (browser), over the same engine.
import { http, HttpResponse, type HttpHandler } from 'msw';
import { contract } from './contract.js';
import { type ScenarioEngineOptions, createScenarioEngine } from './engine.js';

export interface ScenarioHandlersOptions extends ScenarioEngineOptions {
  /** Origin the handlers answer for, e.g. `https://eu.api.capillarytech.com` (default: any origin). */
  baseUrl?: string;
}

/** Handlers for the operation's path and the OAuth token request, on `baseUrl` or on any origin. */
export function createScenarioHandlers(options: ScenarioHandlersOptions = {}): HttpHandler[] {
  const engine = createScenarioEngine(options);
  const origin = options.baseUrl?.replace(/\/+$/, '') ?? '*';
  const resolver = async ({ request }: { request: Request }) => {
    const answer = await engine.handle({
      method: request.method,
      url: request.url,
      header: (name) => request.headers.get(name),
      text: () => request.text(),
      signal: request.signal,
    });
    if (answer.kind === 'reset') return HttpResponse.error();
    return new HttpResponse(answer.body, { status: answer.status, headers: answer.headers });
  };
  return [
    http.all(`${origin}${contract.pathTemplate.replace(/\{([^}]+)\}/g, ':$1')}`, resolver),
    http.post(`${origin}/v3/oauth/token/generate`, resolver),
  ];
}

export { exampleNames } from './preferences.js';
export { isScenarioName, preferScenario, scenarioNames, type ScenarioName } from './names.js';
