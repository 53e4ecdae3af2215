// Runs one consumer journey in the consumer's project: its files in a folder of their own, type-checked as a strict
// consumer project would (noUncheckedIndexedAccess), then run: bash for a shell block, node for a module (its
// calls to the vendor's hosts sent to the local fake vendor instead: the only change, made outside the code), vitest
// for a suite.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ConsumerProject } from './consumerProject.js';
import type { Journey } from './journeys.js';
import { type Ran, run, runShell } from './run.js';

export interface VitestReport {
  numTotalTests: number;
  numPassedTests: number;
  numFailedTests: number;
}

export interface Outcome {
  dir: string;
  /** tsc's output (TypeScript journeys): empty when the code type-checks. */
  typeErrors: string;
  ran: Ran;
  report?: VitestReport;
}

export interface RunSettings {
  files?: Record<string, string>;
  env?: Record<string, string>;
  /** Compiler options besides the consumer's strict ones (to show what an option changes). */
  compilerOptions?: Record<string, unknown>;
}

/** Preloaded before a module: what it sends to a Capillary host goes to the fake vendor named by VENDOR_URL. */
const REDIRECT = `const real = globalThis.fetch;
globalThis.fetch = (input, init) => {
  const request = new Request(input, init);
  const url = request.url.replace(/^https:\\/\\/[a-z0-9.-]+\\.capillarytech(?:\\.cn)?\\.com/, process.env.VENDOR_URL);
  return real(new Request(url, request));
};
`;

export const slug = (key: string) => key.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '');

export function tsconfig(files: string[], emit: boolean, extra: Record<string, unknown> = {}) {
  return {
    compilerOptions: {
      strict: true,
      noUncheckedIndexedAccess: true,
      module: 'nodenext',
      moduleResolution: 'nodenext',
      target: 'es2022',
      lib: ['es2022', 'dom'],
      types: ['node'],
      skipLibCheck: true,
      ...(emit ? { outDir: 'out', rootDir: '.' } : { noEmit: true }),
      ...extra,
    },
    files,
  };
}

export async function runJourney(
  journey: Journey,
  project: ConsumerProject,
  settings: RunSettings = {},
  folder = slug(journey.key),
): Promise<Outcome> {
  const dir = path.join(project.dir, 'journeys', folder);
  const files = { ...settings.files, ...journey.files };
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  const env = { ...project.env, ...settings.env };
  const options = { cwd: dir, env };
  if (journey.shape === 'shell')
    return { dir, typeErrors: '', ran: await runShell(journey.files['journey.sh']!, options) };

  const sources = Object.keys(journey.files);
  const emit = journey.shape === 'module';
  writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify(tsconfig(sources, emit, settings.compilerOptions)));
  const checked = await run('tsc', ['-p', 'tsconfig.json'], options);
  const typeErrors = `${checked.stdout}${checked.stderr}`;
  if (checked.code !== 0) return { dir, typeErrors, ran: checked };

  if (journey.shape === 'module') {
    writeFileSync(path.join(dir, 'redirect.mjs'), REDIRECT);
    const main = path.join('out', sources[0]!.replace(/\.(m?)ts$/, '.$1js'));
    return { dir, typeErrors, ran: await run(process.execPath, ['--import', './redirect.mjs', main], options) };
  }
  const reportFile = path.join(dir, 'report.json');
  const ran = await run('vitest', ['run', '--root', '.', '--reporter=json', '--outputFile.json=report.json'], {
    cwd: dir,
    env: { ...env, CI: '1' },
  });
  const report = existsSync(reportFile) ? (JSON.parse(readFileSync(reportFile, 'utf8')) as VitestReport) : undefined;
  return { dir, typeErrors, ran, report };
}

/** Standard error without the one DeprecationWarning the client gives on its first call (the vendor's notice). */
export const unexpectedStderr = (stderr: string) =>
  stderr
    .replace(/^\(node:\d+\) \[TARGET_GROUPS_DEPRECATED\] DeprecationWarning: .*\n/m, '')
    .replace(/^\(Use `node --trace-deprecation .*\n/m, '');
