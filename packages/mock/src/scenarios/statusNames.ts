// The scenario name of each declared error status (`Prefer: scenario=forbidden` answers the 403), for any spec.
// Read by the build (scripts/generate.mjs, which writes the built-in spec's names as literal types) and the engine.

export const STATUS_NAMES: Readonly<Record<string, string>> = {
  400: 'badRequest',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'notFound',
  409: 'conflict',
  429: 'tooManyRequests',
  500: 'serverError',
  502: 'badGateway',
  503: 'serviceUnavailable',
  504: 'gatewayTimeout',
};

/** The status scenario of a declared status (`status418` for a status without a name), or undefined for a 2xx. */
export function statusScenarioName(status: string): string | undefined {
  if (!/^[1-5]\d\d$/.test(status) || status.startsWith('2')) return undefined;
  return STATUS_NAMES[status] ?? `status${status}`;
}
