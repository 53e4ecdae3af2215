/** `target-groups-contract diff BASE [HEAD]`: see README.md beside this file. */
import path from 'node:path';
import { parseCommandArgs } from '../../cli/args.js';
import { escapeControl } from '../../cli/escape.js';
import { type Io, UsageError, write } from '../../cli/io.js';
import { describePlace } from '../../spec/place.js';
import {
  InputError,
  pathInRepository,
  readSpec,
  readSpecOption,
  SPEC_IN_REPO,
  type SpecSource,
} from '../../spec/specInput.js';
import { type Change, classify, isBreaking } from './classify.js';
import { changesetBody, jsonReport, textReport } from './report.js';

export type { Change } from './classify.js';

export const DIFF_USAGE = `  target-groups-contract diff [--format text|json|changeset] [--spec PATH] BASE [HEAD]

BASE and HEAD are spec files or git:REF (at a git ref of this repository: the file that --spec, or the other
side when git tracks it, names; else spec/targetGroups.yaml). HEAD defaults to --spec PATH, else the working
tree's spec/targetGroups.yaml. Each change is classified by its impact on typed consumers of this response-only
API: breaking or compatible.

  --format text       readable report (default)
  --format json       { "changes": [ { "pointer", "change", "impact", "message" } ] }
  --format changeset  a changeset for @target-groups/types and @target-groups/client (major when breaking)

Exit codes: 0 nothing breaking, 1 at least one breaking change, 2 bad usage, a spec that cannot be read, or two
specs of different APIs (their info.title differs, no operationId in both), which are not compared.
`;

type Format = 'text' | 'json' | 'changeset';

function parse(
  argv: string[],
): { base: string; head: string | undefined; spec: string | undefined; format: Format } | 'help' {
  const { values, positionals } = parseCommandArgs(argv, {
    format: { type: 'string' },
    spec: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) return 'help';
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'json' && format !== 'changeset')
    throw new UsageError(`--format must be text, json or changeset, not '${format}'`);
  if (positionals.length === 0) throw new UsageError('diff needs BASE (a spec file or git:REF)');
  if (positionals.length > 2)
    throw new UsageError(`diff takes BASE and at most one HEAD, not ${positionals.length} specs`);
  return { base: positionals[0]!, head: positionals[1], spec: values.spec, format };
}

/**
 * Both specs of a diff, read through the spec reader. A `git:REF` side is the same file as the spec it is compared
 * with (`--spec spec/promotions.yaml` or a file HEAD in the repository), else the contract.
 */
export async function readPair(
  base: string,
  head: string | undefined,
  spec: string | undefined,
  cwd: string,
): Promise<[SpecSource, SpecSource]> {
  const inRepo = pathInRepository(spec, cwd) ?? pathInRepository(head, cwd) ?? pathInRepository(base, cwd);
  const baseSpec = await readSpec(base, cwd, inRepo);
  const headSpec =
    head !== undefined ? await readSpec(head, cwd, inRepo) : await readSpecOption(spec, cwd, 'diff without HEAD');
  // One file of the repository at two points of its history is one API whatever its title says: a renamed title is
  // a change to report (the release gate compares exactly that), not another API.
  const fileOf = (name: string) => (name.startsWith('git:') ? (inRepo ?? SPEC_IN_REPO) : pathInRepository(name, cwd));
  const oneFile = () => {
    const baseFile = fileOf(base);
    const headFile = head !== undefined ? fileOf(head) : spec !== undefined ? fileOf(spec) : SPEC_IN_REPO;
    return baseFile !== undefined && baseFile === headFile;
  };
  refuseDifferentApis(baseSpec, headSpec, cwd, oneFile);
  return [baseSpec, headSpec];
}

const display = (source: SpecSource, cwd: string) =>
  source.label.startsWith('git:') ? source.path : path.relative(cwd, source.path) || source.path;

const titleOf = (source: SpecSource) =>
  typeof source.document.info?.title === 'string' ? source.document.info.title : undefined;

/**
 * Every change between two different APIs is noise (an untracked copy of promotions.yaml against git:REF, which is
 * then the contract, lists dozens of breaking changes): a spec is compared only with a version of itself, and its
 * `info.title` says which API it is. A spec without a title is compared: it names no other API; so is one file of
 * the repository at two refs (`oneFile`), and two specs with an operationId in common.
 */
function refuseDifferentApis(base: SpecSource, head: SpecSource, cwd: string, oneFile: () => boolean): void {
  const [baseTitle, headTitle] = [titleOf(base), titleOf(head)];
  if (baseTitle === undefined || headTitle === undefined || baseTitle === headTitle || oneFile()) return;
  // A renamed title with an operation in common is one API renamed (two release copies of one spec, say).
  const baseIds = new Set(base.operations.map((operation) => operation.id));
  if (head.operations.some((operation) => baseIds.has(operation.id))) return;
  const hint = [base, head].some((s) => s.label.startsWith('git:'))
    ? ' (a git:REF side is the file --spec names, or the other side when git tracks it, else spec/targetGroups.yaml)'
    : '';
  throw new InputError(
    `${display(base, cwd)} is '${baseTitle}' and ${display(head, cwd)} is '${headTitle}': different APIs (info.title), not two versions of one spec${hint}`,
  );
}

export async function run(argv: string[], io: Io): Promise<number> {
  const cwd = io.cwd ?? process.cwd();
  try {
    const command = parse(argv);
    if (command === 'help') {
      await write(io.stdout, `Usage:\n${DIFF_USAGE}`);
      return 0;
    }
    const [base, head] = await readPair(command.base, command.head, command.spec, cwd);
    const changes = classify(base, head);
    if (command.format === 'json') await write(io.stdout, jsonReport(changes));
    else if (command.format === 'changeset') await write(io.stdout, changesetBody(changes));
    else {
      const removed = (c: Change) => /-removed$/.test(c.change) && c.change !== 'enum-value-removed';
      const locate = (c: Change) => {
        const side = removed(c) ? base : head;
        return describePlace(side, display(side, cwd), c.pointer);
      };
      await write(io.stdout, textReport(display(base, cwd), display(head, cwd), changes, locate));
    }
    return isBreaking(changes) ? 1 : 0;
  } catch (error) {
    if (error instanceof UsageError) {
      await write(io.stderr, `target-groups-contract diff: ${escapeControl(error.message)}\n\nUsage:\n${DIFF_USAGE}`);
      return 2;
    }
    if (error instanceof InputError) {
      await write(io.stderr, `target-groups-contract diff: ${escapeControl(error.message)}\n`);
      return 2;
    }
    await write(io.stderr, `target-groups-contract diff: internal error: ${escapeControl((error as Error).message)}\n`);
    return 2;
  }
}

export const diff = { usage: DIFF_USAGE, run };
