// Runs one consumer journey in the consumer's project: its files in a folder of their own, type-checked as a strict
// consumer project would (noUncheckedIndexedAccess), then run: bash for a shell block, node for a module (its
// calls to the vendor's hosts sent to the local fake vendor instead: the only change, made outside the code), vitest
// for a suite.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ConsumerProject } from './consumerProject.js';
import type { Journey } from './journeys.js';
import { type Ran, run, runShell, transcript } from './run.js';

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
  /** What tsc said of this journey when `compileJourneys` compiled it with the others: it is not compiled again. */
  compiled?: string;
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

/** The journey's folder in the project with its files written, and for TypeScript its tsconfig.json. */
function prepare(journey: Journey, project: ConsumerProject, settings: RunSettings, folder: string): string {
  const dir = path.join(project.dir, 'journeys', folder);
  const files = { ...settings.files, ...journey.files };
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  if (journey.shape !== 'shell') {
    const config = tsconfig(Object.keys(journey.files), journey.shape === 'module', settings.compilerOptions);
    writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify(config));
  }
  return dir;
}

const DIAGNOSTIC = /^(\S+?)\/\S*\(\d+,\d+\): /;

/**
 * Type-checks and compiles the TypeScript journeys in one `tsc -b` over their folders, each with its own tsconfig:
 * tsc reads the libraries and the packages' types once, not once per journey. What tsc said of each, by key; a
 * message that names no journey's folder is given to every journey, so that none passes on it.
 */
export async function compileJourneys(
  journeys: { journey: Journey; settings: RunSettings }[],
  project: ConsumerProject,
): Promise<Map<string, string>> {
  const typed = journeys.filter(({ journey }) => journey.shape !== 'shell');
  const folders = typed.map(({ journey, settings }) => {
    const folder = slug(journey.key);
    prepare(journey, project, settings, folder);
    return folder;
  });
  const cwd = path.join(project.dir, 'journeys');
  const built = await run('tsc', ['-b', '--pretty', 'false', ...folders], {
    cwd,
    env: project.env,
    timeoutMs: 600_000,
  });
  const said = new Map(folders.map((folder) => [folder, '']));
  let current = folders;
  for (const line of `${built.stdout}\n${built.stderr}`.split('\n').filter(Boolean)) {
    // An indented line goes on with the message before it.
    if (!/^\s/.test(line)) {
      const folder = DIAGNOSTIC.exec(line)?.[1];
      current = folder !== undefined && said.has(folder) ? [folder] : folders;
    }
    for (const each of current) said.set(each, `${said.get(each)}${line}\n`);
  }
  // Stopped, or failed without a message about a file: no journey has been checked, and none may pass.
  if (built.signal || (built.code !== 0 && ![...said.values()].some(Boolean)))
    for (const folder of folders) said.set(folder, transcript(built));
  return new Map(typed.map(({ journey }) => [journey.key, said.get(slug(journey.key))!]));
}

export async function runJourney(
  journey: Journey,
  project: ConsumerProject,
  settings: RunSettings = {},
  folder = slug(journey.key),
): Promise<Outcome> {
  const dir = prepare(journey, project, settings, folder);
  const env = { ...project.env, ...settings.env };
  const options = { cwd: dir, env };
  if (journey.shape === 'shell')
    return { dir, typeErrors: '', ran: await runShell(journey.files['journey.sh']!, options) };

  const sources = Object.keys(journey.files);
  const checked =
    settings.compiled === undefined
      ? await run('tsc', ['-p', 'tsconfig.json'], options)
      : { code: settings.compiled ? 2 : 0, signal: null, stdout: settings.compiled, stderr: '' };
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
