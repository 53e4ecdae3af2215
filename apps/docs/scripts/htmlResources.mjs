// Finds the resources an HTML page would fetch from another host: script, stylesheet, font, image, frame and
// similar URLs in attributes and in CSS. Links a reader follows (`<a href>`) are not fetched and are allowed.
// Inline script bodies are searched only for module imports from another host: a bundle is full of URL strings
// that it never loads; what it actually requests at run time is checked in a real browser by the docs test.

/** Attributes that make the browser fetch a URL, by the tags they appear on (`*`: any tag). */
const FETCHING_ATTRIBUTES = {
  '*': ['src', 'srcset', 'poster', 'background', 'data', 'href', 'xlink:href', 'imagesrcset'],
};

/** Tags whose `href` is navigation, not a fetch. */
const NAVIGATION_TAGS = new Set(['a', 'area']);

const ABSOLUTE_REMOTE = /^\s*(?:[a-z][a-z0-9+.-]*:)?\/\//i;

/**
 * @typedef {{ tag: string, attribute: string, url: string }} ExternalResource
 */

/** @param {string} url */
function isRemote(url) {
  return ABSOLUTE_REMOTE.test(url) && !/^\s*(?:data|blob|about|javascript):/i.test(url);
}

/** @param {string} css @param {string} tag @returns {ExternalResource[]} */
function cssResources(css, tag) {
  /** @type {ExternalResource[]} */
  const found = [];
  for (const m of css.matchAll(/url\(\s*(['"]?)(.*?)\1\s*\)/gi)) {
    const url = m[2] ?? '';
    if (isRemote(url)) found.push({ tag, attribute: 'url()', url });
  }
  for (const m of css.matchAll(/@import\s+(['"])(.*?)\1/gi)) {
    const url = m[2] ?? '';
    if (isRemote(url)) found.push({ tag, attribute: '@import', url });
  }
  return found;
}

/** @param {string} attrs @returns {Map<string, string>} */
function parseAttributes(attrs) {
  const map = new Map();
  for (const m of attrs.matchAll(/([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g)) {
    const name = (m[1] ?? '').toLowerCase();
    map.set(name, m[2] ?? m[3] ?? m[4] ?? '');
  }
  return map;
}

/**
 * @param {string} html
 * @returns {ExternalResource[]}
 */
export function findExternalResources(html) {
  /** @type {ExternalResource[]} */
  const found = [];
  let rest = html.replace(/<!--[\s\S]*?-->/g, '');

  rest = rest.replace(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi, (_, attrs, body) => {
    for (const m of body.matchAll(/\bimport\s*(?:[\w*{}\s,$]+\sfrom\s*)?\(?\s*(['"`])(.*?)\1/g)) {
      const url = m[2] ?? '';
      if (isRemote(url)) found.push({ tag: 'script', attribute: 'import', url });
    }
    return `<script${attrs}></script>`;
  });
  rest = rest.replace(/<style\b[^>]*>([\s\S]*?)<\/style\s*>/gi, (_, css) => {
    found.push(...cssResources(css, 'style'));
    return '';
  });

  for (const m of rest.matchAll(/<([a-zA-Z][a-zA-Z0-9:-]*)((?:\s+[^>]*?)?)\s*\/?>/g)) {
    const tag = (m[1] ?? '').toLowerCase();
    const attributes = parseAttributes(m[2] ?? '');
    for (const name of FETCHING_ATTRIBUTES['*'] ?? []) {
      if ((name === 'href' || name === 'xlink:href') && NAVIGATION_TAGS.has(tag)) continue;
      const value = attributes.get(name);
      if (value === undefined) continue;
      const candidates = name.endsWith('srcset')
        ? value.split(',').map((c) => c.trim().split(/\s+/)[0] ?? '')
        : [value];
      for (const url of candidates) if (isRemote(url)) found.push({ tag, attribute: name, url });
    }
    const style = attributes.get('style');
    if (style) found.push(...cssResources(style, `${tag}[style]`));
  }
  return found;
}
