/** The three renderings of a migration report: text for a terminal, JSON for a program, Markdown for a ticket. */
import { escapeControl, escapeJson, terminalLines } from '../../cli/escape.js';
import type { MigrationField, MigrationReport } from './fields.js';

export const MIGRATION_FORMATS = ['text', 'json', 'markdown'] as const;
export type MigrationFormat = (typeof MIGRATION_FORMATS)[number];

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const carried = (f: MigrationField) => (f.received?.nonEmpty ?? 0) > 0;
const counts = (f: MigrationField, bodies: number) =>
  `non-empty in ${f.received?.nonEmpty ?? 0}/${bodies} bodies (present in ${f.received?.present ?? 0})`;
const target = (f: MigrationField) =>
  f.replacedBy === null ? 'none' : f.replacedBy === undefined ? 'not in the map' : f.replacedBy;

interface Section {
  title: string;
  fields: MigrationField[];
  /** Listed by name only (fields the traffic never carried). */
  brief?: boolean;
}

/** The report's sections in reading order: what needs a decision first. */
function sections(report: MigrationReport): Section[] {
  if (report.bodies === null)
    return [
      { title: 'Not in the map (no x-replaced-by)', fields: report.notInMap },
      { title: 'Without an equivalent', fields: report.withoutEquivalent },
      { title: 'With an equivalent', fields: report.withEquivalent },
    ];
  const without = [...report.notInMap, ...report.withoutEquivalent];
  return [
    { title: 'Received without an equivalent', fields: without.filter(carried) },
    { title: 'Received with an equivalent', fields: report.withEquivalent.filter(carried) },
    {
      title: 'Received only null or empty, without an equivalent',
      fields: without.filter((f) => !carried(f) && (f.received?.present ?? 0) > 0),
      brief: true,
    },
    {
      title: 'Never received, without an equivalent',
      fields: without.filter((f) => !f.received?.present),
      brief: true,
    },
    {
      title: 'Never received or only empty, with an equivalent',
      fields: report.withEquivalent.filter((f) => !carried(f)),
      brief: true,
    },
  ];
}

function heading(report: MigrationReport): string {
  const spec = report.spec.origin ? `${report.spec.file} (the ${report.spec.origin})` : report.spec.file;
  const total = report.withEquivalent.length + report.withoutEquivalent.length + report.notInMap.length;
  const map = `${plural(total, 'field')}: ${report.withEquivalent.length} with an equivalent, ${report.withoutEquivalent.length} without, ${report.notInMap.length} not in the map`;
  return report.bodies === null
    ? `Migration map of ${spec} to the API that replaces it: ${map}`
    : `Migration check of ${plural(report.bodies, 'body', 'bodies')} against the migration map of ${spec} (${map})`;
}

export function migrationText(report: MigrationReport, exitCode: number): string {
  const lines = [heading(report)];
  const where = (f: MigrationField) => `${report.spec.file}:${f.line}`;
  for (const section of sections(report)) {
    if (section.fields.length === 0) continue;
    lines.push('', `${section.title} (${section.fields.length}):`);
    if (section.brief) {
      lines.push(`  ${section.fields.map((f) => f.field).join(', ')}`);
      continue;
    }
    for (const f of section.fields) {
      const use = report.bodies === null ? '' : `  ${counts(f, report.bodies)}`;
      const replacement = typeof f.replacedBy === 'string' ? ` → ${f.replacedBy}` : '';
      lines.push(`  ${f.field}${replacement}${use}  (${where(f)})`);
      if (f.note !== undefined) lines.push(`      ${f.note.trim().replace(/\s*\n\s*/g, ' ')}`);
    }
  }
  if (report.mapProblems.length > 0) {
    lines.push('', `Problems of the map (${report.mapProblems.length}):`);
    for (const p of report.mapProblems) lines.push(`  ${report.spec.file}:${p.line}: ${p.message}`);
  }
  if (report.inputProblems.length > 0) {
    lines.push('', `Could not read (${report.inputProblems.length}):`);
    for (const p of report.inputProblems) lines.push(`  ${p.name}: ${p.message}`);
  }
  for (const s of report.skipped)
    lines.push('', `Skipped in ${s.name}: ${plural(s.count, 'entry', 'entries')} (${s.reason})`);
  lines.push('', `Exit code ${exitCode}.`);
  return terminalLines(lines);
}

export function migrationJson(report: MigrationReport, exitCode: number): string {
  return `${escapeJson(JSON.stringify({ ...report, exitCode }, null, 2))}\n`;
}

/** A table cell: one line, no `|` that ends the cell, no HTML a renderer would act on. */
const cell = (text: string) =>
  escapeControl(text.trim().replace(/\s*\n\s*/g, ' '))
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/</g, '&lt;')
    .replace(/`/g, '\\`');

export function migrationMarkdown(report: MigrationReport, exitCode: number): string {
  const lines = [`# ${cell(heading(report))}`];
  for (const section of sections(report)) {
    if (section.fields.length === 0) continue;
    lines.push('', `## ${section.title} (${section.fields.length})`, '');
    if (section.brief) {
      lines.push(section.fields.map((f) => cell(f.field)).join(', '));
      continue;
    }
    const traffic = report.bodies !== null;
    lines.push(
      `| Field | Replaced by |${traffic ? ' Non-empty in | Present in |' : ''} Note | Line |`,
      `|---|---|${traffic ? '---|---|' : ''}---|---|`,
    );
    for (const f of section.fields) {
      const use = traffic ? ` ${f.received?.nonEmpty ?? 0}/${report.bodies} | ${f.received?.present ?? 0} |` : '';
      lines.push(`| ${cell(f.field)} | ${cell(target(f))} |${use} ${cell(f.note ?? '')} | ${f.line} |`);
    }
  }
  const list = (title: string, items: string[]) => {
    if (items.length > 0) lines.push('', `## ${title} (${items.length})`, '', ...items.map((i) => `- ${cell(i)}`));
  };
  list(
    'Problems of the map',
    report.mapProblems.map((p) => `line ${p.line}: ${p.message}`),
  );
  list(
    'Could not read',
    report.inputProblems.map((p) => `${p.name}: ${p.message}`),
  );
  list(
    'Skipped',
    report.skipped.map((s) => `${s.name}: ${plural(s.count, 'entry', 'entries')} (${s.reason})`),
  );
  lines.push('', `Exit code ${exitCode}.`);
  return `${lines.join('\n')}\n`;
}

export const MIGRATION_RENDERERS: Record<MigrationFormat, (report: MigrationReport, exitCode: number) => string> = {
  text: migrationText,
  json: migrationJson,
  markdown: migrationMarkdown,
};
