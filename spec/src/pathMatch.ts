/**
 * Which path template a concrete request path is: `/v3/users/42/targetGroups` is `/v3/users/{userId}/targetGroups`
 * with `userId` = `42`. A template matches whole segments; a server URL's path (`https://host/api` → `/api`) is
 * the base every template of an operation is under.
 */

/** A template compiled: each segment either literal text or a pattern with the names of its parameters. */
export interface CompiledTemplate {
  template: string;
  segments: ({ literal: string } | { pattern: RegExp; names: string[] })[];
  /** Literal segments: a concrete template is preferred over a templated one (`/users/me` over `/users/{id}`). */
  literals: number;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const decode = (segment: string): string => {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
};

/** The segments of a path (`/a/b/` → `['a', 'b']`); one trailing slash does not count. */
export function segmentsOf(path: string): string[] {
  const trimmed = path.replace(/^\//, '').replace(/\/$/, '');
  return trimmed === '' ? [] : trimmed.split('/');
}

export function compileTemplate(template: string): CompiledTemplate {
  const segments = segmentsOf(template).map((segment) => {
    if (!segment.includes('{')) return { literal: decode(segment) };
    const names: string[] = [];
    const source = segment
      .split(/(\{[^}]*\})/)
      .map((part) => {
        if (!/^\{[^}]*\}$/.test(part)) return escapeRegExp(part);
        names.push(part.slice(1, -1));
        return '(.+?)';
      })
      .join('');
    return { pattern: new RegExp(`^${source}$`, 's'), names };
  });
  return { template, segments, literals: segments.filter((s) => 'literal' in s).length };
}

/** The parameters of `path` (segments, already split) if it is `compiled`, else undefined. */
export function matchSegments(compiled: CompiledTemplate, path: readonly string[]): Record<string, string> | undefined {
  if (path.length !== compiled.segments.length) return undefined;
  const params: Record<string, string> = {};
  for (const [index, segment] of compiled.segments.entries()) {
    const concrete = decode(path[index]!);
    if ('literal' in segment) {
      if (segment.literal !== concrete) return undefined;
      continue;
    }
    const match = segment.pattern.exec(path[index]!);
    if (!match) return undefined;
    segment.names.forEach((name, i) => {
      params[name] = decode(match[i + 1]!);
    });
  }
  return params;
}

/** The path of a URL or of a request target (`/a/b?c#d` → `/a/b`). */
export function pathOf(url: string): string {
  if (/^[a-z][a-z\d+.-]*:\/\//i.test(url)) {
    try {
      return new URL(url).pathname;
    } catch {
      // Not a URL after all: read it as a path.
    }
  }
  const path = url.split(/[?#]/)[0] ?? '';
  return path.startsWith('/') ? path : `/${path}`;
}

/** The path part of a server URL (`https://host/api/{version}` → `/api/{version}`), `''` for none. */
export function serverBasePath(serverUrl: string): string {
  const withoutOrigin = serverUrl.replace(/^[a-z][a-z\d+.-]*:\/\/[^/]*/i, '').replace(/^\/\/[^/]*/, '');
  const path = withoutOrigin.split(/[?#]/)[0] ?? '';
  return path === '/' ? '' : path.replace(/\/$/, '');
}
