// Starts the vendor stand-in (build this package first) and keeps it running until Ctrl-C, for trying the contract check
// or a proxy by hand: `node packages/test-support/scripts/stand-in.mjs [--open]`.
import { DRIFTS, SEED_USER_IDS, startStandIn, VENDOR_ERROR_USER_IDS } from '../dist/index.js';

const api = await startStandIn({ open: process.argv.includes('--open') });
const { username, password, key, secret } = api.credentials;
process.stdout.write(
  [
    `vendor stand-in listening on ${api.url}${process.argv.includes('--open') ? ' (no authentication)' : ''}`,
    `  Basic: CAPILLARY_USERNAME=${username} CAPILLARY_PASSWORD=${password}`,
    `  OAuth: CAPILLARY_OAUTH_KEY=${key} CAPILLARY_OAUTH_SECRET=${secret}`,
    `  seed users:   ${SEED_USER_IDS.join(' ')}`,
    `  drifted:      ${DRIFTS.map((d) => `${d.userId} (${d.kind})`).join(' ')}`,
    `  errors:       ${Object.entries(VENDOR_ERROR_USER_IDS)
      .map(([k, v]) => `${v} (${k})`)
      .join(' ')}`,
    '',
  ].join('\n'),
);
const stop = () => api.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
