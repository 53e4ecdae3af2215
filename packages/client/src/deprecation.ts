// What the client says about the operation's deprecation: once per process in Node's warning channel, and the
// vendor's own signals as data (parsed in ./deprecationHeaders.ts, loaded only by clients with `onDeprecation`).

export interface DeprecationNotice {
  /** When the operation was (or will be) deprecated: the `Deprecation` header's `@<unix seconds>` date. */
  deprecation: Date | undefined;
  /** When it stops answering: the `Sunset` header's HTTP date. */
  sunset: Date | undefined;
  /** The `Link` target whose `rel` includes `successor-version`: where to move to. */
  link: string | undefined;
  requestId: string | undefined;
}

export const DEPRECATION_WARNING_CODE = 'TARGET_GROUPS_DEPRECATED';

const WARNED = Symbol.for('@target-groups/client.deprecation-warned');

/** One DeprecationWarning per process (every copy of the client shares the flag); silent where `process` is absent. */
export function warnDeprecatedOnce(): void {
  const global = globalThis as { [WARNED]?: true; process?: { emitWarning?: (m: string, o: object) => void } };
  if (global[WARNED] || typeof global.process?.emitWarning !== 'function') return;
  global[WARNED] = true;
  global.process.emitWarning(
    'GET /v3/users/{userId}/targetGroups is deprecated by the vendor: move to listPromotions (deprecationWarning: false silences this)',
    { type: 'DeprecationWarning', code: DEPRECATION_WARNING_CODE },
  );
}

/**
 * Tells `onDeprecation` about an answer's `Deprecation`, `Sunset` and successor `Link`, once per distinct set of values.
 * The parser loads (from an entry of its own) on the first answer that carries one of them, so the notice arrives a
 * moment after the call returns; a failure there is a warning, never the call's.
 */
export function deprecationSignals(onDeprecation: (notice: DeprecationNotice) => void): (answer: Response) => void {
  let notify: Promise<(headers: Headers) => void> | undefined;
  return ({ headers }) => {
    if (!(headers.has('deprecation') || headers.has('sunset') || headers.has('link'))) return;
    notify ??= import('@target-groups/client/deprecation-headers').then((entry) => entry.notifier(onDeprecation));
    notify.then((tell) => tell(headers)).catch(console.warn);
  };
}
