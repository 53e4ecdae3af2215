import { describe, expect, it } from 'vitest';
import { findExternalResources } from '../scripts/htmlResources.mjs';

const urls = (html: string) =>
  findExternalResources(html)
    .map((r) => `${r.tag} ${r.attribute} ${r.url}`)
    .sort();

describe('findExternalResources', () => {
  it('finds scripts, stylesheets, images, fonts and CSS imports from another host', () => {
    const html = `<!DOCTYPE html><html><head>
      <script src="https://cdn.example.com/redoc.standalone.js"></script>
      <link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">
      <link rel="modulepreload" href="//cdn.example.com/bundle.js">
      <style>@import "https://example.com/a.css"; @font-face { font-family: X; src: url('https://fonts.gstatic.com/x.woff2') }</style>
      </head><body><img src="http://example.com/logo.png" srcset="a.png 1x, https://example.com/b.png 2x">
      <div style="background: url(https://example.com/bg.png)"></div>
      <script type="module">import { hydrate } from "https://cdn.redocly.com/redoc/v1/redoc.standalone.js";</script>
      </body></html>`;
    expect(urls(html)).toEqual(
      [
        'style @import https://example.com/a.css',
        'style url() https://fonts.gstatic.com/x.woff2',
        'script import https://cdn.redocly.com/redoc/v1/redoc.standalone.js',
        'script src https://cdn.example.com/redoc.standalone.js',
        'link href https://fonts.googleapis.com/css?family=Roboto',
        'link href //cdn.example.com/bundle.js',
        'img src http://example.com/logo.png',
        'img srcset https://example.com/b.png',
        'div[style] url() https://example.com/bg.png',
      ].sort(),
    );
  });

  it('allows links a reader follows, inline data, local files and URLs that are only text', () => {
    const html = `<html><head><style>.i { background: url("data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg'/%3E") }</style>
      <script type="module">const docs = "https://redocly.com/docs"; fetchLater("https://example.com");</script></head>
      <body><a href="https://docs.capillarytech.com/">vendor docs</a>
      <svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><a href="https://example.com"><text>x</text></a></svg>
      <img src="logo.png"><img src="data:image/png;base64,AAAA"><p>see https://example.com/page</p></body></html>`;
    expect(urls(html)).toEqual([]);
  });
});
