// Every operation's x-codeSamples are copied by readers as they are: each must work as written. They run here
// against a local stand-in for the API that answers only the request the vendor would accept, on the sample's own
// operation.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OperationExpectations, readExpectations } from './expectations.js';

const require = createRequire(import.meta.url);
const ts = require('typescript') as typeof import('typescript');

const { operations } = await readExpectations();
const sample = (operation: OperationExpectations, lang: string) => {
  const found = operation.codeSamples.find((s) => s.label.toLowerCase() === lang.toLowerCase());
  if (!found) throw new Error(`${operation.operation.id} has no ${lang} code sample`);
  return found.source;
};
/** The operation's path template as a pattern of request paths (`{userId}` is any run of digits). */
const pathPattern = (operation: OperationExpectations) =>
  new RegExp(`^${operation.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '\\d+')}$`);
const bodyOf = (operation: OperationExpectations) =>
  operation.examples.find((e) => e.status === '200' && (e.value as any)?.data !== null)!.value;
// Inside node_modules so that the sample resolves @target-groups/client exactly as a consumer's code would.
const workDir = fileURLToPath(new URL('../node_modules/.cache/docs-code-samples/', import.meta.url));
const TILL_USER = 'store.till';
const TILL_PASSWORD = 'secret';
const expectedAuthorization = `Basic ${Buffer.from(
  `${TILL_USER}:${createHash('md5').update(TILL_PASSWORD).digest('hex')}`,
).toString('base64')}`;

/** The declared headers the TypeScript sample of each operation sent, for its curl sample to match. */
const tsHeaders = new Map<string, Record<string, unknown>>();
let server: Server;
let standIn: string;
const seen: Array<{ url: string; authorization: string | undefined; headers: Record<string, unknown> }> = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push({ url: req.url ?? '', authorization: req.headers.authorization, headers: req.headers });
    const path = new URL(req.url ?? '/', 'http://stand-in').pathname;
    const operation = operations.find((o) => pathPattern(o).test(path));
    const ok = req.headers.authorization === expectedAuthorization && operation !== undefined;
    res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json', 'x-cap-requestid': 'stand-in' });
    res.end(
      JSON.stringify(
        ok
          ? bodyOf(operation)
          : { data: null, errors: [{ code: 401, message: 'Invalid credentials' }], warnings: null },
      ),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('stand-in has no port');
  standIn = `http://127.0.0.1:${address.port}`;
  mkdirSync(workDir, { recursive: true });
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** Runs a command without blocking this process, which serves the stand-in. */
function run(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'], timeout: 30_000 });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** The sample with its production host pointed at the stand-in; the host must be one of the spec's servers. */
function againstStandIn(source: string): string {
  const hosts = source.match(/https:\/\/[a-z0-9.-]+\.capillarytech(?:\.cn)?\.com/g) ?? [];
  expect(hosts.length, 'the sample names a cluster host').toBeGreaterThan(0);
  return source.replace(/https:\/\/[a-z0-9.-]+\.capillarytech(?:\.cn)?\.com/g, standIn);
}

/** Type errors of a TypeScript snippet compiled as a consumer's ES module against @target-groups/client. */
function typeErrors(source: string, name: string): string[] {
  const file = `${workDir}${name}.mts`;
  writeFileSync(file, source);
  const program = ts.createProgram([file], {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    types: ['node'],
    skipLibCheck: true,
  });
  return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

const curl = spawnSync('sh', ['-c', 'command -v curl && command -v md5sum'], { encoding: 'utf8' }).status === 0;

it('every operation has a curl and a TypeScript sample', () => {
  expect(operations.length).toBeGreaterThan(1);
  for (const operation of operations) {
    expect(operation.codeSamples.map((s) => s.label).sort(), operation.operation.id).toEqual(['TypeScript', 'curl']);
  }
});

describe.each(operations.map((o) => [o.operation.id, o] as const))('x-codeSamples of %s', (id, operation) => {
  const body = bodyOf(operation);
  // The header parameters the operation declares, as the stand-in received them (lower case).
  const declaredHeaders = (headers: Record<string, unknown>) =>
    Object.fromEntries(
      operation.parameters
        .filter((p) => p.in === 'header')
        .map((p) => p.name.toLowerCase())
        .filter((name) => headers[name] !== undefined)
        .map((name) => [name, headers[name]]),
    );

  it('the TypeScript sample type-checks against @target-groups/client', () => {
    expect(typeErrors(sample(operation, 'TypeScript'), `typescript-sample-${id}`)).toEqual([]);
  });

  it('the TypeScript sample runs and gets the target groups, on its own operation', async () => {
    seen.length = 0;
    const js = ts.transpileModule(againstStandIn(sample(operation, 'TypeScript')), {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    }).outputText;
    const file = `${workDir}typescript-sample-${id}.mjs`;
    writeFileSync(file, js);
    const result = await run(process.execPath, [file], { ...process.env, TILL_USER, TILL_PASSWORD });
    // The client's one DeprecationWarning (the vendor deprecated the operation) is expected there, and nothing else.
    const deprecation =
      /^\(node:\d+\) \[TARGET_GROUPS_DEPRECATED\] DeprecationWarning: .*\n(?:\(Use `node --trace-deprecation .*\n)?/;
    expect(result.stderr.replace(deprecation, '')).toBe('');
    expect(result.status).toBe(0);
    const names = ((body as any).data.targetGroups as Array<{ name: string }>).map((g) => g.name);
    for (const name of names) expect(result.stdout).toContain(name);
    expect(seen.map((s) => pathPattern(operation).test(new URL(s.url, standIn).pathname))).toEqual([true]);
    tsHeaders.set(id, declaredHeaders(seen[0]!.headers));
  });

  it.skipIf(!curl)(
    'the curl sample sends the MD5-digest Basic credentials and the documented query (needs curl, md5sum)',
    async () => {
      seen.length = 0;
      const result = await run('sh', ['-c', againstStandIn(sample(operation, 'curl'))], {
        ...process.env,
        TILL_USER,
        TILL_PASSWORD,
      });
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
      expect(seen).toHaveLength(1);
      expect(seen[0]!.authorization).toBe(expectedAuthorization);
      const url = new URL(seen[0]!.url, standIn);
      expect(url.pathname).toMatch(pathPattern(operation));
      for (const name of url.searchParams.keys()) expect(operation.queryParameters).toContain(name);
      expect(JSON.parse(result.stdout)).toEqual(body);
      // The two samples of an operation send the same declared headers (the connected-orgs data scope).
      expect(declaredHeaders(seen[0]!.headers)).toEqual(tsHeaders.get(id));
    },
  );
});
