// Preloaded (node --require) into the Prism process that startMock() spawns.
'use strict';

// The parent holds the write end of stdin. When the parent dies for any reason (even SIGKILL, where no exit
// handler runs), the pipe closes and Prism exits with it instead of lingering on its port.
process.stdin.on('end', () => process.exit(0));
process.stdin.on('error', () => process.exit(0));
process.stdin.resume();

// Tell the parent which address Prism actually bound. That lets Prism bind port 0 (no race between choosing a
// free port and binding it), and lets the parent know the listener is this process and not whoever else holds
// the port.
//
// Prism restarts its server when the spec file changes, calling listen() again with the same arguments: with
// port 0 it would move to a new random port behind the caller's back. Later listens therefore reuse the port the
// first one got.
const reportFd = Number(process.env.TARGET_GROUPS_MOCK_REPORT_FD);
if (Number.isInteger(reportFd) && reportFd > 2) {
  const fs = require('node:fs');
  const net = require('node:net');
  const listen = net.Server.prototype.listen;
  let firstPort;
  const isAnyPort = (port) => port === 0 || port === '0';
  net.Server.prototype.listen = function (...args) {
    if (firstPort !== undefined) {
      if (isAnyPort(args[0])) args[0] = firstPort;
      else if (args[0] && typeof args[0] === 'object' && isAnyPort(args[0].port))
        args[0] = { ...args[0], port: firstPort };
    }
    this.once('listening', () => {
      const address = this.address();
      if (!address || typeof address !== 'object') return;
      if (firstPort === undefined) firstPort = address.port;
      try {
        fs.writeSync(reportFd, `${JSON.stringify({ address: address.address, port: address.port })}\n`);
      } catch {
        // The parent stopped listening for the report; serving goes on regardless.
      }
    });
    return listen.apply(this, args);
  };
}
