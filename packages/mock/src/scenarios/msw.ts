// The MSW face (msw 2 and 3): request handlers for `setupServer` (Node) and `setupWorker` (browser), over the same
// engine: one handler per GET operation of the spec, and one for the OAuth token request.
import { type HttpHandler, HttpResponse, http } from 'msw';
import { createScenarioEngine, type ScenarioEngineOptions } from './engine.js';
import { TOKEN_PATH } from './vendor.js';

export interface ScenarioHandlersOptions extends ScenarioEngineOptions {
  /** Origin the handlers answer for, e.g. `https://eu.api.capillarytech.com` (default: any origin). */
  baseUrl?: string;
}

/** Handlers for every GET operation's path and the OAuth token request, on `baseUrl` or on any origin. */
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
  const paths = [...new Set(engine.operations.map((operation) => operation.path.replace(/\{([^}]+)\}/g, ':$1')))];
  return [
    ...paths.map((path) => http.all(`${origin}${path}`, resolver)),
    http.post(`${origin}${TOKEN_PATH}`, resolver),
  ];
}

export { type ContractName, contracts, type MockContract, type MockSpec } from './contracts.js';
export {
  contractScenarioNames,
  exampleNames,
  isScenarioName,
  preferScenario,
  type ScenarioName,
  type ScenarioNameOf,
  scenarioNames,
} from './names.js';
