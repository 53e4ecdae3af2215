#!/usr/bin/env node
// @ts-check
// `pnpm mock:proxy UPSTREAM`: Prism in front of a real (or stand-in) API, validating every request and response
// against spec/targetGroups.yaml. With --errors, a response that breaks the contract is replaced by Prism's 500
// problem document; the violations are listed in the `sl-violations` header and printed here.
import { MockStartError, startProxy } from '@target-groups/mock';
import { loadCatalog, workspaceSpecPath } from './catalog.mjs';
import { UsageError, portFromEnv, serveUntilStopped } from './env.mjs';

const USAGE =
  'usage: pnpm mock:proxy UPSTREAM   (e.g. pnpm mock:proxy https://eu.api.capillarytech.com; port: MOCK_PROXY_PORT, default 4011)';

try {
  const args = process.argv.slice(2).filter((a) => a !== '--');
  if (args.length !== 1 || args[0] === '--help' || args[0] === '-h') throw new UsageError(USAGE);
  const upstream = args[0].replace(/\/+$/, '');
  if (!/^https?:\/\/[^\s/]+/.test(upstream))
    throw new UsageError(`UPSTREAM must be an http(s) URL, got ${JSON.stringify(args[0])}\n${USAGE}`);
  const port = portFromEnv('MOCK_PROXY_PORT', 4011);
  const catalog = loadCatalog(workspaceSpecPath);
  const proxy = await startProxy(upstream, {
    spec: workspaceSpecPath,
    port,
    errors: true,
    logLevel: 'error',
    onOutput: (line) => line.trim() && !line.includes('Starting Prism') && console.log(`prism: ${line}`),
  });
  console.log(
    [
      `Validating proxy (Prism, --errors) listening on ${proxy.url}`,
      `  forwards to ${upstream}, checks ${catalog.pathTemplate} against ${workspaceSpecPath}`,
      `  a response that breaks the contract comes back as 500 with the violations in the sl-violations header`,
      '',
      'Try:',
      `  curl -s -D - -u "$TILL_USER:$TILL_PASSWORD_MD5" '${proxy.url}${catalog.pathTemplate.replace('{userId}', '566881933')}'`,
      '',
    ].join('\n'),
  );
  serveUntilStopped(proxy, 'the validating proxy');
} catch (error) {
  if (error instanceof UsageError) {
    console.error(`mock:proxy: ${error.message}`);
    process.exit(2);
  }
  if (error instanceof MockStartError) {
    console.error(`mock:proxy: could not start Prism: ${error.message}`);
    process.exit(error.code === 'ERR_MOCK_SPEC_NOT_FOUND' || error.code === 'ERR_MOCK_BAD_OPTION' ? 2 : 1);
  }
  console.error(`mock:proxy: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
