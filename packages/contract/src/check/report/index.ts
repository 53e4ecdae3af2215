/**
 * The report formats of `check`, one module each (text.ts, json.ts, sarif.ts): every format takes each body's result
 * as it comes and the aggregated report at the end. `check --format NAME` picks one from REPORT_FORMATS.
 */
import type { BodyResult } from '../checkBody.js';
import type { DriftReport } from './aggregate.js';
import { JsonBodies } from './json.js';
import type { ViolationLocator } from './locations.js';
import type { Output } from './output.js';
import { SarifResults } from './sarif.js';
import { renderText } from './text.js';

export interface ReportWriter {
  add(result: BodyResult): void | Promise<void>;
  finish(report: DriftReport, exitCode: number): Promise<void>;
}

export interface ReportContext {
  out: Output;
  heading: string;
  /** The spec locations of findings. */
  locator: ViolationLocator;
  /** The spec file as reports name it, which contract it is when the name does not say, and the CLI's version. */
  specFile: string;
  specOrigin: string | undefined;
  version: string;
}

export const REPORT_FORMATS = {
  text: (ctx: ReportContext): ReportWriter => ({
    add: () => undefined,
    async finish(report, exitCode) {
      await ctx.out.write(renderText(report, ctx.heading, exitCode, (finding) => ctx.locator.describe(finding)));
      await ctx.out.end();
    },
  }),
  json: (ctx: ReportContext): ReportWriter => new JsonBodies(ctx.out),
  sarif: (ctx: ReportContext): ReportWriter => {
    return new SarifResults(ctx.out, (finding) => ctx.locator.locate(finding), {
      version: ctx.version,
      specFile: ctx.specFile,
      specOrigin: ctx.specOrigin,
    });
  },
} as const;

export type ReportFormat = keyof typeof REPORT_FORMATS;

export const isReportFormat = (name: string): name is ReportFormat => Object.hasOwn(REPORT_FORMATS, name);
