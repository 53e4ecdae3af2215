import type { Severity, Violation } from '../types.js';
import { normalisePointer } from './format.js';

export interface BodyResult {
  name: string;
  /** False when the body could not be read or parsed (then `problem` says why). */
  checked: boolean;
  violations: Violation[];
  problem?: string;
}

export interface Totals {
  bodies: number;
  clean: number;
  warningsOnly: number;
  withErrors: number;
  problems: number;
  /** HAR entries not checked because they are not GET calls to the operation. */
  skippedEntries: number;
}

export interface Reporter {
  readonly totals: Totals;
  add(result: BodyResult): void | Promise<void>;
  /** Entries of an input that were deliberately not checked; they show in the summary, never vanish. */
  skip(name: string, count: number, reason: string): void;
  finish(exitCode: number): Promise<void>;
}

export interface Output {
  write(text: string): void | Promise<void>;
  end(): Promise<void>;
}

/** Buffered writes to a stream that wait for `drain`, so a slow reader of a large JSON report cannot fill memory. */
export function streamOutput(stream: NodeJS.WritableStream): Output {
  let pending = '';
  const flush = async (): Promise<void> => {
    const text = pending;
    pending = '';
    if (text && !stream.write(text)) await new Promise<void>((resolve) => stream.once('drain', () => resolve()));
  };
  return {
    write(text) {
      pending += text;
      if (pending.length >= 1 << 16) return flush();
      return undefined;
    },
    end: flush,
  };
}

export function exitCodeFor(totals: Totals, usageProblem = false): number {
  if (usageProblem || totals.problems > 0) return 2;
  return totals.withErrors > 0 ? 1 : 0;
}

export function tally(totals: Totals, result: BodyResult): void {
  if (result.problem !== undefined) totals.problems++;
  if (!result.checked) return;
  totals.bodies++;
  if (result.violations.some((v) => v.severity === 'error')) totals.withErrors++;
  else if (result.violations.length > 0) totals.warningsOnly++;
  else totals.clean++;
}

export function newTotals(): Totals {
  return { bodies: 0, clean: 0, warningsOnly: 0, withErrors: 0, problems: 0, skippedEntries: 0 };
}

/** Why entries were skipped, with how many for each reason, in first-seen order. */
class SkipReasons {
  private readonly counts = new Map<string, number>();

  add(totals: Totals, count: number, reason: string): void {
    totals.skippedEntries += count;
    this.counts.set(reason, (this.counts.get(reason) ?? 0) + count);
  }

  get reason(): string | undefined {
    return this.counts.size === 0 ? undefined : [...this.counts.keys()].join('; ');
  }

  describe(): string[] {
    return [...this.counts].map(([reason, n]) => `${n} HAR ${n === 1 ? 'entry' : 'entries'} skipped: ${reason}`);
  }
}

export function summaryLine(
  totals: Totals,
  distinctErrors: number,
  distinctWarnings: number,
  exitCode: number,
  skipped: string[] = [],
): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const parts = [
    `${plural(totals.bodies, 'body').replace('bodys', 'bodies')} checked: ${totals.clean} clean, ${totals.warningsOnly} with warnings only, ${totals.withErrors} with errors`,
    `${plural(distinctErrors, 'distinct error')}, ${plural(distinctWarnings, 'distinct warning')}`,
  ];
  if (totals.problems > 0) parts.push(`${plural(totals.problems, 'input')} could not be checked`);
  parts.push(...skipped);
  return `Summary: ${parts.join('; ')}. Exit code ${exitCode}.`;
}

interface Group {
  severity: Severity;
  pointer: string;
  bodies: number;
  example: string;
  exampleAt: string;
}

const MAX_LISTED_PROBLEMS = 50;

/** The readable report: one line per distinct (pointer, severity), with how many bodies show it. */
export class TextReporter implements Reporter {
  readonly totals: Totals = newTotals();
  private readonly skipped = new SkipReasons();
  private readonly groups = new Map<string, Group>();
  private readonly problems: { name: string; message: string }[] = [];
  private readonly skippedBy: { name: string; count: number; reason: string }[] = [];

  constructor(
    private readonly out: Output,
    private readonly heading: string,
  ) {}

  skip(name: string, count: number, reason: string): void {
    this.skipped.add(this.totals, count, reason);
    if (this.skippedBy.length < MAX_LISTED_PROBLEMS) this.skippedBy.push({ name, count, reason });
  }

  add(result: BodyResult): void {
    tally(this.totals, result);
    if (result.problem !== undefined && this.problems.length < MAX_LISTED_PROBLEMS)
      this.problems.push({ name: result.name, message: result.problem });
    const seen = new Set<string>();
    for (const v of result.violations) {
      const pointer = normalisePointer(v.pointer);
      const key = `${v.severity}\u0000${pointer}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const group = this.groups.get(key);
      if (group) group.bodies++;
      else
        this.groups.set(key, {
          severity: v.severity,
          pointer,
          bodies: 1,
          example: v.message,
          exampleAt: `${result.name}${v.pointer ? ` at ${v.pointer}` : ''}`,
        });
    }
  }

  async finish(exitCode: number): Promise<void> {
    const lines: string[] = [this.heading, ''];
    const groups = [...this.groups.values()];
    const errors = groups
      .filter((g) => g.severity === 'error')
      .sort((a, b) => b.bodies - a.bodies || a.pointer.localeCompare(b.pointer));
    const warnings = groups
      .filter((g) => g.severity === 'warning')
      .sort((a, b) => b.bodies - a.bodies || a.pointer.localeCompare(b.pointer));
    const total = this.totals.bodies;
    const section = (title: string, list: Group[]) => {
      if (list.length === 0) return;
      lines.push(`${title} (${list.length} distinct)`);
      for (const g of list) {
        lines.push(
          `  ${g.severity.padEnd(7)} ${`${g.bodies}/${total} ${total === 1 ? 'body' : 'bodies'}`.padEnd(16)} ${g.pointer || '(body)'}`,
        );
        lines.push(`          e.g. ${g.example}`);
        lines.push(`               in ${g.exampleAt}`);
      }
      lines.push('');
    };
    section('Errors: break a typed consumer', errors);
    section('Warnings: undocumented or unknown values (drift that does not break typed consumers)', warnings);
    if (this.totals.problems > 0) {
      lines.push(`Could not check (${this.totals.problems})`);
      for (const p of this.problems) lines.push(`  ${p.name}: ${p.message}`);
      if (this.totals.problems > this.problems.length)
        lines.push(`  ... and ${this.totals.problems - this.problems.length} more`);
      lines.push('');
    }
    if (this.totals.skippedEntries > 0) {
      lines.push(`Skipped (${this.totals.skippedEntries}; --all-entries checks them)`);
      for (const s of this.skippedBy)
        lines.push(`  ${s.name}: ${s.count} HAR ${s.count === 1 ? 'entry' : 'entries'} skipped: ${s.reason}`);
      lines.push('');
    }
    if (groups.length === 0 && this.totals.bodies > 0) {
      lines.push(
        this.totals.problems > 0
          ? 'Every body that could be checked matches the contract.'
          : 'Every body matches the contract.',
        '',
      );
    }
    lines.push(summaryLine(this.totals, errors.length, warnings.length, exitCode, this.skipped.describe()));
    await this.out.write(`${lines.join('\n')}\n`);
    await this.out.end();
  }
}

/** `{ "files": [ { file, valid, violations } ... ], "summary": {...} }`, streamed one entry at a time. */
export class JsonReporter implements Reporter {
  readonly totals: Totals = newTotals();
  private readonly skipped = new SkipReasons();
  private first = true;
  private readonly distinct = { error: new Set<string>(), warning: new Set<string>() };

  constructor(private readonly out: Output) {}

  skip(_name: string, count: number, reason: string): void {
    this.skipped.add(this.totals, count, reason);
  }

  add(result: BodyResult): void | Promise<void> {
    tally(this.totals, result);
    for (const v of result.violations) {
      const set = this.distinct[v.severity];
      if (set.size < 10_000) set.add(normalisePointer(v.pointer));
    }
    // A consumer that reads only `violations` must still see why an entry is not valid.
    const violations: Violation[] =
      result.problem === undefined
        ? result.violations
        : [...result.violations, { pointer: '', severity: 'error', message: result.problem }];
    const entry: Record<string, unknown> = {
      file: result.name,
      valid: result.checked && result.problem === undefined && !result.violations.some((v) => v.severity === 'error'),
      violations,
    };
    if (result.problem !== undefined) entry.error = result.problem;
    const prefix = this.first ? '{"files":[\n' : ',\n';
    this.first = false;
    return this.out.write(prefix + JSON.stringify(entry));
  }

  async finish(exitCode: number): Promise<void> {
    const reason = this.skipped.reason;
    const summary = {
      ...this.totals,
      ...(reason === undefined ? {} : { skippedReason: reason, skipped: this.skipped.describe().join('; ') }),
      distinctErrors: this.distinct.error.size,
      distinctWarnings: this.distinct.warning.size,
      exitCode,
    };
    await this.out.write(`${this.first ? '{"files":[' : ''}\n],"summary":${JSON.stringify(summary)}}\n`);
    await this.out.end();
  }
}
