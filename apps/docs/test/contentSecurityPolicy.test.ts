// The page's policy from its markup, and the Markdown the build refuses: without a browser (the browser tests
// show the policy at work in Chromium).
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  PageScriptError,
  POLICY_PLACEHOLDER,
  scriptElements,
  scriptHash,
  withContentSecurityPolicy,
} from '../scripts/contentSecurityPolicy.mjs';
import { findUnsafeHtml, unsafeHtmlPattern } from '../scripts/documentChecks.mjs';

const spectralRuleset = fileURLToPath(new URL('../../../.spectral.yaml', import.meta.url));

/** A page shaped as build-docs renders it with our template. */
function page({ planted = '', placeholder = POLICY_PLACEHOLDER, headScript = 'document.title = "docs";' } = {}) {
  return `<!DOCTYPE html><html><head><meta charset="utf-8" />${placeholder}<title>t</title>
<style>body { margin: 0 } /* <script>not a script</script> */</style>
<!-- <script>a comment</script> -->
<script>${headScript}</script>
</head>
<body>
  <div id="redoc"><link rel="preload" as="image" href="logo.png"/><div hidden=""><script>try{colourMode()}catch(e){}</script></div><main>${planted}</main></div>
  <script type="module">
  const __redoc_definition = {"description":"<\\/script> stays text"};
  hydrate(__redoc_definition);
  </script>
</body>
</html>
`;
}

describe('scriptElements', () => {
  it('reads scripts as an HTML parser does: none in comments, styles or script text', () => {
    const texts = scriptElements(page()).map((s) => s.text.trim());
    expect(texts).toEqual([
      'document.title = "docs";',
      'try{colourMode()}catch(e){}',
      expect.stringContaining('hydrate(__redoc_definition);'),
    ]);
  });

  it('hashes a script as a browser does (the CSP specification example), line breaks as the parser reads them', () => {
    expect(scriptHash("alert('Hello, world.');")).toBe("'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='");
    expect(scriptHash('a();\r\nb();\rc();')).toBe(scriptHash('a();\nb();\nc();'));
  });
});

describe('withContentSecurityPolicy', () => {
  it("allows the template's, Redoc's colour-mode and Redoc's module script, by hash, and nothing else", () => {
    const html = page();
    const { html: secured, policy } = withContentSecurityPolicy(html);
    const hashes = scriptElements(html).map((s) => scriptHash(s.text));
    expect(policy).toContain(`script-src ${hashes.join(' ')};`);
    expect(policy.split('; ')).toEqual(
      expect.arrayContaining(["default-src 'none'", "frame-src 'none'", "object-src 'none'", "img-src 'self' data:"]),
    );
    expect(secured).not.toContain(POLICY_PLACEHOLDER);
    expect(secured).toContain(`<meta http-equiv="Content-Security-Policy" content="${policy}">`);
  });

  it('refuses a page with a script that is not its own, wherever it sits in the markup', () => {
    const planted = '<p>text</p><script>steal()</script>';
    expect(() => withContentSecurityPolicy(page({ planted }))).toThrow(PageScriptError);
    expect(() => withContentSecurityPolicy(page({ planted }))).toThrow(/not the page's own .*"steal\(\)"/);
  });

  it('refuses a script loaded from a file and a template without the placeholder', () => {
    expect(() => withContentSecurityPolicy(page().replace('<script>document', '<script src="x.js">document'))).toThrow(
      /loaded from a file/,
    );
    expect(() => withContentSecurityPolicy(page({ placeholder: '' }))).toThrow(/placeholder exactly once/);
  });
});

describe('unsafe HTML in Markdown (the lint rule markdown-no-unsafe-html, read from .spectral.yaml)', () => {
  const pattern = unsafeHtmlPattern(spectralRuleset);
  const refused = (description: string) =>
    findUnsafeHtml({ info: { description } }, pattern).flatMap((hit) => hit.found);

  it.each([
    ['<iframe srcdoc="&lt;script&gt;x&lt;/script&gt;"></iframe>', '<iframe'],
    ['<IFRAME src=x>', '<IFRAME'],
    ['< form action=x>', '< form'],
    ['<style>body{}</style>', '<style'],
    ['<object data="data:text/html,x">', '<object'],
    ['<embed src=x>', '<embed'],
    ['<frameset><frame src=x>', '<frameset'],
    ['<script>x()</script>', '<script'],
    ['<base href="//evil">', '<base'],
    ['<meta http-equiv="refresh" content="0;url=x">', '<meta'],
    ['<link rel="stylesheet" href="x.css">', '<link'],
    ['<applet code=x>', '<applet'],
    ['<portal src=x>', '<portal'],
    ['<img src="x" onerror="alert(1)">', '<img src="x" onerror='],
    ['<svg width="10"\n  onload = "x()">', '<svg width="10"\n  onload ='],
  ])('refuses %j', (text, match) => {
    expect(refused(text)).toContain(match);
  });

  it.each([
    'Send `<base64>` in the header.',
    'A <formula> or <styles> element is not one of them; &lt;iframe&gt; is text.',
    'Set only=true; upon=arrival.',
    '<svg width="10" height="10"><title>diagram</title><rect x="1"/></svg>',
    '<a href="https://example.com">a link</a> and <details><summary>more</summary>text</details>',
  ])('lets %j through', (text) => {
    expect(refused(text)).toEqual([]);
  });

  it('reads every description, under any key, including keys named after Object.prototype members', () => {
    const document = JSON.parse(
      '{"components":{"schemas":{"A":{"properties":{"constructor":{"description":"<form>"},"__proto__":{"description":"<style>"},"description":{"type":"string","description":"<object>"}}}}}}',
    );
    expect(findUnsafeHtml(document, pattern).map((hit) => hit.pointer)).toEqual([
      '/components/schemas/A/properties/constructor/description',
      '/components/schemas/A/properties/__proto__/description',
      '/components/schemas/A/properties/description/description',
    ]);
  });
});
