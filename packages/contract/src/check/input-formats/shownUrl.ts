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

/** The URL as written, less its user info, its undeclared query values and its fragment. */
export function shownUrl(url: string, declared: ReadonlySet<string>): string {
  let base = url;
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    // Not an absolute URL: a path, or "user:password@host/path" without a scheme.
  }
  if (parsed && parsed.host !== '') {
    if (parsed.username !== '' || parsed.password !== '')
      base = `${parsed.protocol}//${parsed.host}${parsed.pathname}${parsed.search}${parsed.hash}`;
  } else base = url.replace(/^[^/?#]*@/, '');
  const start = base.search(/[?#]/);
  if (start === -1) return base;
  const hash = base.indexOf('#', start);
  const search = base.slice(start, hash === -1 ? undefined : hash);
  return `${base.slice(0, start)}${search.startsWith('?') ? query(search, declared) : ''}${hash === -1 ? '' : `#${REDACTED}`}`;
}
