/** propose's reports: the text one (the diff, the changes, the refused edits, the notes) and the JSON one. */
import { escapeJson, terminalLines } from '../../cli/escape.js';
import { subject } from '../diff/report.js';
import { SpecLocator } from '../../spec/specLocator.js';
import type { ProposeResult } from './index.js';

const plural = (n: number, one: string, many: string) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/** `{ changes, diff, refused, notes, unresolved, problems }`. */
export function jsonReport(result: ProposeResult, patch: string | null): string {
  const { changes, refused, notes, unresolved, problems } = result;
  return `${escapeJson(JSON.stringify({ changes, diff: patch, refused, notes, unresolved, problems }, null, 2))}\n`;
}

export function textReport(result: ProposeResult, patch: string | null, file: string, written: boolean): string {
  const out: string[] = [];
  const changed = result.text !== result.original.text;
  if (!changed && result.refused.length === 0)
    out.push(`Nothing to propose: all ${result.bodies} bodies conform to ${file}.`);
  else if (!changed)
    out.push(`Nothing ${written ? 'written' : 'to apply'}: every edit the bodies call for was refused.`);
  else {
    // Each line of the diff on its own, so that one from traffic cannot start another.
    if (patch) out.push(...patch.replace(/^=+\n/, '').replace(/\n$/, '').split('\n'));
    const breaking = result.changes.filter((c) => c.impact === 'breaking').length;
    out.push(
      `${written ? 'Wrote' : 'Proposed'} ${plural(result.changes.length, 'change', 'changes')} to ${file} from ${result.bodies} bodies (${breaking} breaking for typed consumers):`,
    );
    const locator = new SpecLocator(result.text, file);
    for (const c of result.changes) {
      const seen =
        c.evidence.count > 0
          ? `; seen in ${c.evidence.count}/${result.bodies} bodies, first ${c.evidence.bodies[0]}`
          : '';
      out.push(
        `  ${c.impact.padEnd(10)} ${subject(c.pointer)}: ${c.message} [${c.change}] (${locator.describe(c.pointer)}${seen})`,
      );
    }
  }
  if (result.refused.length > 0) {
    out.push(
      `Refused ${plural(result.refused.length, 'edit', 'edits')} (${changed ? 'the others are' : 'nothing is'} ${written ? 'written' : 'proposed'}):`,
    );
    for (const r of result.refused) out.push(`  refused: ${subject(r.pointer)}: ${r.reason}`);
  }
  for (const n of result.notes) out.push(`  note: ${subject(n.pointer)}: ${n.message}`);
  for (const u of result.unresolved.slice(0, 20)) out.push(`  not resolved: ${u.name}: ${u.message}`);
  if (result.unresolved.length > 20) out.push(`  not resolved: ${result.unresolved.length - 20} more bodies`);
  for (const p of result.problems) out.push(`  not read: ${p.name}: ${p.message}`);
  return terminalLines(out);
}
