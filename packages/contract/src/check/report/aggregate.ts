/**
 * The report aggregator: folds each body's result into totals and groups (one per severity and pointer pattern,
 * with how many bodies show it and a few examples), with every bound on memory stated in the report instead of
 * applied silently. Renderers (./text.ts, ./json.ts) read it; other subcommands can fold their results into it too.
 */
import type { Severity, Violation } from '../../types.js';
import type { BodyResult } from '../checkBody.js';
import { PointerGroups, type VaryingKeys } from './pointerGroups.js';

export const MAX_GROUPS = 1000;
export const MAX_EXAMPLES = 3;
export const MAX_LISTED = 50;

export interface Totals {
  bodies: number;
  clean: number;
  warningsOnly: number;
  withErrors: number;
  problems: number;
  /** Entries not checked on purpose (other calls in a HAR capture, a 304 without a body). */
  skippedEntries: number;
}

export interface Group {
  severity: Severity;
  /** JSON pointer pattern: `*` for array indices and for keys that vary. */
  pointer: string;
  bodies: number;
  examples: { message: string; at: string /** HAR entries: `GET URL → HTTP 200`. */; request?: string }[];
}

/** A finding as the spec is searched for it: the schema the validator names, else its place in a body. */
export interface GroupSample {
  schemaPointer?: string;
  operationId?: string;
  status?: number;
  /** JSON pointer into the body. */
  pointer: string;
}

/** Findings whose group would have gone past MAX_GROUPS: counted, not listed. */
export interface Overflow {
  findings: number;
  bodies: number;
}

export class DriftReport {
  readonly totals: Totals = { bodies: 0, clean: 0, warningsOnly: 0, withErrors: 0, problems: 0, skippedEntries: 0 };
  readonly problems: { name: string; message: string }[] = [];
  readonly skipped: { name: string; count: number; reason: string }[] = [];
  readonly skipReasons = new Map<string, number>();
  readonly overflow: Record<Severity, Overflow> = {
    error: { findings: 0, bodies: 0 },
    warning: { findings: 0, bodies: 0 },
  };
  private readonly groupsByKey = new Map<string, Group>();
  private readonly pointers = new PointerGroups();
  private readonly samples = new WeakMap<Group, GroupSample>();

  add(result: BodyResult): void {
    const { totals } = this;
    if (result.problem !== undefined) {
      totals.problems++;
      if (this.problems.length < MAX_LISTED) this.problems.push({ name: result.name, message: result.problem });
    }
    if (!result.checked) return;
    totals.bodies++;
    if (result.violations.some((v) => v.severity === 'error')) totals.withErrors++;
    else if (result.violations.length > 0) totals.warningsOnly++;
    else totals.clean++;
    if (result.violations.length === 0) return;
    const seen = new Set<string>();
    const overflowed = { error: false, warning: false };
    for (const v of result.violations) {
      const pointer = this.pointers.pattern(v.pointer);
      const key = `${v.severity}\u0000${pointer}`;
      if (seen.has(key)) continue;
      seen.add(key);
      let group = this.groupsByKey.get(key);
      if (!group) {
        if (this.groupsByKey.size >= MAX_GROUPS) {
          this.overflow[v.severity].findings++;
          overflowed[v.severity] = true;
          continue;
        }
        group = { severity: v.severity, pointer, bodies: 0, examples: [] };
        this.groupsByKey.set(key, group);
        this.samples.set(group, findingOf(result, v));
      }
      group.bodies++;
      // Examples that say something new: another message, not the same one from another body.
      if (group.examples.length < MAX_EXAMPLES && !group.examples.some((e) => e.message === v.message)) {
        const example: Group['examples'][number] = {
          message: v.message,
          at: `${result.name}${v.pointer ? ` at ${v.pointer}` : ''}`,
        };
        if (result.request !== undefined) example.request = `${result.request} → HTTP ${result.status}`;
        group.examples.push(example);
      }
    }
    if (overflowed.error) this.overflow.error.bodies++;
    if (overflowed.warning) this.overflow.warning.bodies++;
  }

  skip(name: string, count: number, reason: string): void {
    this.totals.skippedEntries += count;
    this.skipReasons.set(reason, (this.skipReasons.get(reason) ?? 0) + count);
    if (this.skipped.length < MAX_LISTED) this.skipped.push({ name, count, reason });
  }

  /** The first finding of a group. */
  sample(group: Group): GroupSample | undefined {
    return this.samples.get(group);
  }

  /** Groups of one severity, most frequent first. */
  groups(severity: Severity): Group[] {
    return [...this.groupsByKey.values()]
      .filter((g) => g.severity === severity)
      .sort((a, b) => b.bodies - a.bodies || a.pointer.localeCompare(b.pointer));
  }

  varyingKeys(): VaryingKeys[] {
    return this.pointers.varyingKeys();
  }

  /** `N HAR entries skipped: reason`, one per reason, in first-seen order. */
  skipSentences(): string[] {
    return [...this.skipReasons].map(([reason, n]) => `${n} HAR ${n === 1 ? 'entry' : 'entries'} skipped: ${reason}`);
  }

  /** The lines that say what was collapsed or capped (empty when nothing was). */
  collapseNotes(): string[] {
    const notes: string[] = [];
    for (const v of this.varyingKeys()) {
      notes.push(
        `keys that vary under ${v.parent || '(body)'}: ${v.collapsed} more distinct names (e.g. ${v.examples.map((e) => `'${e}'`).join(', ')}) collapsed into ${v.parent}/*`,
      );
    }
    for (const severity of ['error', 'warning'] as const) {
      const o = this.overflow[severity];
      if (o.findings > 0)
        notes.push(
          `more ${severity} groups collapsed: ${o.findings} ${severity} ${o.findings === 1 ? 'finding' : 'findings'} in ${o.bodies} ${o.bodies === 1 ? 'body' : 'bodies'} at pointers beyond the first ${MAX_GROUPS} groups (listed per body by --format json)`,
        );
    }
    return notes;
  }
}

/** Drift found (1) outranks an input that could not be checked (2): both are reported, the drift decides. */
export function exitCodeFor(totals: Totals): number {
  if (totals.withErrors > 0) return 1;
  return totals.problems > 0 ? 2 : 0;
}

/** A violation of a result as the spec is searched for it. */
export function findingOf(result: BodyResult, violation: Violation): GroupSample {
  const { schemaPointer, pointer } = violation;
  return { schemaPointer, operationId: result.operationId, status: result.status, pointer };
}
