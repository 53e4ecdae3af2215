// A local server for the built pages (pnpm start, the bench, the tests), headless Debian Chromium, and a network
// guard that lets a page talk only to this machine and records everything else it tries.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { chromium } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.json': 'application/json',
  '.js': 'text/javascript',
  '.png': 'image/png',
};

/**
 * Serves a directory's files on 127.0.0.1 (port 0: a free one); rejects with the listen error (EADDRINUSE).
 * @param {string} dir
 * @returns {Promise<{ url: string, close: () => Promise<void> }>}
 */
export async function serveDirectory(dir, port = 0) {
  const root = normalize(dir + sep);
  const server = createServer((req, res) => {
    let path;
    try {
      path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    } catch {
      path = '';
    }
    const file = normalize(join(root, path.endsWith('/') ? `${path}index.html` : path));
    if (!path || !file.startsWith(root) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, {
      'content-type': TYPES[/** @type {keyof typeof TYPES} */ (extname(file))] ?? 'application/octet-stream',
    });
    res.end(readFileSync(file));
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(undefined));
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the docs server has no TCP address');
  return {
    url: `http://127.0.0.1:${address.port}/`,
    close: () => new Promise((resolve) => server.close(() => resolve()).closeAllConnections()),
  };
}

/** @returns {Promise<import('playwright-core').Browser>} */
export async function launchChromium() {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `no Chromium at ${CHROMIUM_PATH}; install Debian's (apt-get install -y chromium) or set CHROMIUM_PATH. No browser is downloaded.`,
    );
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/**
 * Aborts every request that leaves this machine and records it. data: and blob: URLs never reach the router.
 * @param {import('playwright-core').BrowserContext} context
 * @returns {Promise<string[]>} the URLs the page tried to fetch from elsewhere (filled as the page runs)
 */
export async function guardNetwork(context) {
  /** @type {string[]} */
  const attempts = [];
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (LOOPBACK_HOSTS.has(url.hostname)) return route.continue();
    attempts.push(url.href);
    return route.abort('blockedbyclient');
  });
  // WebSockets bypass context.route.
  await context.routeWebSocket(/.*/, (ws) => {
    const url = new URL(ws.url());
    if (LOOPBACK_HOSTS.has(url.hostname)) return ws.connectToServer();
    attempts.push(url.href);
    return ws.close();
  });
  return attempts;
}
