// @ts-check

export class UsageError extends Error {}

/**
 * A TCP port from the environment.
 * @param {string} name
 * @param {number} fallback
 * @param {NodeJS.ProcessEnv} [env]
 */
export function portFromEnv(name, fallback, env = process.env) {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > 65535)
    throw new UsageError(`${name} must be a port number from 1 to 65535, got ${JSON.stringify(raw)}`);
  return Number(raw);
}

/**
 * Runs `until` on SIGINT/SIGTERM or when the server ends by itself, then exits.
 * @param {{ close(): Promise<void>, exited: Promise<number | null> }} server
 * @param {string} what
 */
export function serveUntilStopped(server, what) {
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await server.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  server.exited.then((code) => {
    if (stopping) return;
    console.error(`${what} stopped unexpectedly (exit code ${code})`);
    process.exit(1);
  });
}
