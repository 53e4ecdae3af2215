/**
 * `{ "files": [ { file, operation?, valid, violations, error? } ... ], "groups": [...], "collapsed": [...], "summary": {...} }`:
 * one entry per body, streamed as it is checked (nothing in it is capped), then the groups of the text report.
 */
import type { Violation } from '../../types.js';
import type { BodyResult } from '../checkBody.js';
import { type DriftReport, MAX_GROUPS } from './aggregate.js';
import { escapeJson } from '../../cli/escape.js';
import type { Output } from './output.js';

export class JsonBodies {
  private first = true;

  constructor(private readonly out: Output) {}

  add(result: BodyResult): void | Promise<void> {
    // A consumer that reads only `violations` must still see why an entry is not valid.
    const violations: Violation[] =
      result.problem === undefined
        ? result.violations
        : [...result.violations, { pointer: '', severity: 'error', kind: 'not-checked', message: result.problem }];
    const entry: Record<string, unknown> = {
      file: result.name,
      // The operation the body was judged as (a capture's calls are matched to theirs by method and path).
      ...(result.operationId !== undefined && { operation: result.operationId }),
      valid: result.checked && result.problem === undefined && !result.violations.some((v) => v.severity === 'error'),
      violations,
    };
    if (result.problem !== undefined) entry.error = result.problem;
    const prefix = this.first ? '{"files":[\n' : ',\n';
    this.first = false;
    return this.out.write(prefix + escapeJson(JSON.stringify(entry)));
  }

  async finish(report: DriftReport, exitCode: number): Promise<void> {
    const reasons = [...report.skipReasons.keys()];
    const errors = report.groups('error');
    const warnings = report.groups('warning');
    const summary = {
      ...report.totals,
      ...(reasons.length === 0
        ? {}
        : { skippedReason: reasons.join('; '), skipped: report.skipSentences().join('; ') }),
      distinctErrors: errors.length,
      distinctWarnings: warnings.length,
      groupLimit: MAX_GROUPS,
      beyondGroupLimit: report.overflow,
      exitCode,
    };
    const tail = {
      groups: [...errors, ...warnings],
      collapsed: report.collapseNotes(),
      summary,
    };
    const body = escapeJson(JSON.stringify(tail)).slice(1);
    await this.out.write(`${this.first ? '{"files":[' : ''}\n],${body}\n`);
    await this.out.end();
  }
}
