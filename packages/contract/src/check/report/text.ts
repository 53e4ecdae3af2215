/**
 * The readable report: one block per group (severity, pointer pattern, bodies, the spec location to edit, examples
 * with their HAR request), then a summary line.
 */
import { terminalLines } from '../../cli/escape.js';
import type { DriftReport, Group, GroupSample } from './aggregate.js';

/** Names the spec location that declares a place in a body (`Target at spec/targetGroups.yaml:1936`). */
export type DescribePlace = (finding: GroupSample) => string | undefined;

export function summaryLine(report: DriftReport, exitCode: number): string {
  const { totals } = report;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const parts = [
    `${totals.bodies} ${totals.bodies === 1 ? 'body' : 'bodies'} checked: ${totals.clean} clean, ${totals.warningsOnly} with warnings only, ${totals.withErrors} with errors`,
    `${plural(report.groups('error').length, 'distinct error')}, ${plural(report.groups('warning').length, 'distinct warning')}`,
  ];
  if (totals.problems > 0) parts.push(`${plural(totals.problems, 'input')} could not be checked`);
  parts.push(...report.skipSentences());
  return `Summary: ${parts.join('; ')}. Exit code ${exitCode}.`;
}

export function renderText(
  report: DriftReport,
  heading: string,
  exitCode: number,
  describePlace?: DescribePlace,
): string {
  const { totals } = report;
  const lines: string[] = [heading, ''];
  const section = (title: string, list: Group[]) => {
    if (list.length === 0) return;
    lines.push(`${title} (${list.length} distinct)`);
    for (const g of list) {
      lines.push(
        `  ${g.severity.padEnd(7)} ${`${g.bodies}/${totals.bodies} ${totals.bodies === 1 ? 'body' : 'bodies'}`.padEnd(16)} ${g.pointer || '(body)'}`,
      );
      const sample = report.sample(g);
      const place = sample && describePlace?.(sample);
      if (place) lines.push(`          edit ${place}`);
      g.examples.forEach((example, i) => {
        lines.push(`          ${i === 0 ? 'e.g.' : 'and '} ${example.message}`);
        lines.push(`               in ${example.at}`);
        if (example.request) lines.push(`               request ${example.request}`);
      });
    }
    lines.push('');
  };
  const errors = report.groups('error');
  const warnings = report.groups('warning');
  section('Errors: break a typed consumer', errors);
  section('Warnings: undocumented or unknown values (drift that does not break typed consumers)', warnings);
  const notes = report.collapseNotes();
  if (notes.length > 0) {
    lines.push('Collapsed (memory stays bounded whatever the input)');
    for (const note of notes) lines.push(`  ${note}`);
    lines.push('');
  }
  if (totals.problems > 0) {
    lines.push(`Could not check (${totals.problems})`);
    for (const p of report.problems) lines.push(`  ${p.name}: ${p.message}`);
    if (totals.problems > report.problems.length)
      lines.push(`  ... and ${totals.problems - report.problems.length} more`);
    lines.push('');
  }
  if (totals.skippedEntries > 0) {
    lines.push(`Skipped (${totals.skippedEntries})`);
    for (const s of report.skipped)
      lines.push(`  ${s.name}: ${s.count} HAR ${s.count === 1 ? 'entry' : 'entries'} skipped: ${s.reason}`);
    lines.push('');
  }
  if (errors.length === 0 && warnings.length === 0 && totals.bodies > 0 && notes.length === 0) {
    lines.push(
      totals.problems > 0
        ? 'Every body that could be checked matches the contract.'
        : 'Every body matches the contract.',
      '',
    );
  }
  lines.push(summaryLine(report, exitCode));
  // Keys, values, URLs and messages from traffic are in these lines: escaped, none can start a line of its own.
  return terminalLines(lines);
}
