// The vendor's deprecation signals as data: RFC 9745 `Deprecation` (`@<unix seconds>`), RFC 8594 `Sunset` (an HTTP
// date) and a `Link` with `rel="successor-version"`. An entry of its own, loaded only by clients with `onDeprecation`.
import type { DeprecationNotice } from './deprecation.js';

const date = (ms: number): Date | undefined => (Number.isNaN(ms) ? undefined : new Date(ms));

/** The notice an answer's headers carry, with the raw values that make it distinct; undefined when there is none. */
function deprecationOf(headers: Headers): [key: string, notice: Omit<DeprecationNotice, 'requestId'>] | undefined {
  const deprecation = headers.get('deprecation');
  const sunset = headers.get('sunset');
  let link: string | undefined;
  for (const [, target, params] of (headers.get('link') ?? '').matchAll(/<([^>]*)>([^<]*)/g))
    if (/;\s*rel\s*=\s*"?[^";]*\bsuccessor-version\b/i.test(params as string)) link ??= target;
  if (deprecation === null && sunset === null && link === undefined) return undefined;
  const seconds = /^@(-?\d+)$/.exec(deprecation?.trim() ?? '');
  return [
    `${deprecation}\n${sunset}\n${link}`,
    {
      deprecation: date(seconds ? Number(seconds[1]) * 1000 : Number.NaN),
      sunset: date(sunset === null ? Number.NaN : Date.parse(sunset)),
      link,
    },
  ];
}

/** Calls `onDeprecation` for each answer's notice, once per distinct set of values. */
export function notifier(onDeprecation: (notice: DeprecationNotice) => void): (headers: Headers) => void {
  const noticed = new Set<string>();
  return (headers) => {
    const notice = deprecationOf(headers);
    if (notice && !noticed.has(notice[0]) && noticed.add(notice[0]))
      onDeprecation({ ...notice[1], requestId: headers.get('x-cap-requestid') ?? undefined });
  };
}
