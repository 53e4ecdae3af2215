// Preloaded into the Prism process that startMock() spawns. The parent holds the write end of this
// process's stdin; when the parent dies for any reason (including SIGKILL, where no exit handler runs),
// the pipe closes and Prism exits with it instead of lingering on its port.
'use strict';
process.stdin.on('end', () => process.exit(0));
process.stdin.on('error', () => process.exit(0));
process.stdin.resume();
