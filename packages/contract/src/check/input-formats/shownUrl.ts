/**
 * A URL from a capture as the reports show it: without user info, and with query values only for the parameters the
 * operation declares (others keep their name, their value is `[redacted]`; so is a fragment), since a capture's URL
 * may carry a credential (`https://user:password@host/`, `?access_token=...`).
 */
export const REDACTED = '[redacted]';

function query(search: string, declared: ReadonlySet<string>): string {
  if (search === '' || search === '?') return '';
  const pairs = search
    .replace(/^\?/, '')
    .split('&')
    .map((pair) => {
      const at = pair.indexOf('=');
      const raw = at === -1 ? pair : pair.slice(0, at);
      let name = raw;
      try {
        name = decodeURIComponent(raw.replace(/\+/g, ' '));
      } catch {
        // a malformed escape: the name as written
      }
      return at === -1 || declared.has(name) ? pair : `${raw}=${REDACTED}`;
    });
  return `?${pairs.join('&')}`;
}

export function shownUrl(url: string, declared: ReadonlySet<string>): string {
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    // Not an absolute URL: its path as written, and its query redacted as above.
  }
  if (parsed && parsed.host !== '') {
    const fragment = parsed.hash === '' ? '' : `#${REDACTED}`;
    return `${parsed.protocol}//${parsed.host}${parsed.pathname}${query(parsed.search, declared)}${fragment}`;
  }
  const end = url.search(/[?#]/);
  if (end === -1) return url.replace(/^[^/?#]*@/, '');
  const hash = url.indexOf('#', end);
  const search = url.slice(end, hash === -1 ? undefined : hash);
  return `${url.slice(0, end).replace(/^[^/?#]*@/, '')}${search.startsWith('?') ? query(search, declared) : ''}${hash === -1 ? '' : `#${REDACTED}`}`;
}
