/**
 * `target-groups-contract spec [--json]`: the contract this CLI was built with, for a project outside the contract's
 * repository (check, propose and diff take it as `--spec`; propose edits that copy).
 */
import { parseCommandArgs } from '../cli/args.js';
import { type Io, write } from '../cli/io.js';
import { escapeJson } from '../cli/escape.js';
import { BUILT_IN_CONTRACT } from '../cli/version.js';

export const SPEC_USAGE = `  target-groups-contract spec [--json]

Prints the ${BUILT_IN_CONTRACT}: spec/targetGroups.yaml as released, byte for byte (what check checks against
when no --spec is given), or with --json the bundled JSON document (internal $refs kept), as the spec reader reads it.

  target-groups-contract spec > targetGroups.yaml     then: check, propose or diff with --spec targetGroups.yaml
`;

export async function run(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {
    json: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    await write(io.stdout, `Usage:\n${SPEC_USAGE}`);
    return 0;
  }
  if (positionals.length > 0) {
    await write(
      io.stderr,
      `target-groups-contract spec: takes no operand (got '${positionals[0]}')\n\nUsage:\n${SPEC_USAGE}`,
    );
    return 2;
  }
  if (values.json) {
    const { builtInSpec } = await import('../spec/specInput.js');
    const { document } = await builtInSpec();
    await write(io.stdout, `${escapeJson(JSON.stringify(document, null, 2))}\n`);
  } else {
    const { default: source } = await import('../generated/specText.json', { with: { type: 'json' } });
    await write(io.stdout, source.text);
  }
  return 0;
}

export const spec = { usage: SPEC_USAGE, run };
