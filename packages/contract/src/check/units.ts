/** What an input format yields: one unit per body to check, per problem, or per group of deliberately skipped entries. */

export interface BodyUnit {
  kind: 'body';
  name: string;
  status: number;
  text: string;
  /** The request as the input records it (HAR entries): `GET https://...`. */
  request?: string;
  /** Something that makes the run incomplete although the body is checked (live mode: an HTTP error status). */
  note?: string;
}

export interface ProblemUnit {
  kind: 'problem';
  name: string;
  message: string;
}

/** Entries of one input that were not checked, counted so the report can say so instead of dropping them. */
export interface SkippedUnit {
  kind: 'skipped';
  name: string;
  count: number;
  reason: string;
}

export type Unit = BodyUnit | ProblemUnit | SkippedUnit;

export interface SourceOptions {
  /** Status the bodies of plain JSON and NDJSON inputs are checked against. */
  status: number;
  maxBodyBytes: number;
  maxHarBytes: number;
  /** Recognises calls to the checked operation in a HAR capture. */
  isOperationUrl: (url: string) => boolean;
  /** Query parameters the operation declares: a captured URL is reported with these values only. */
  queryParameters: ReadonlySet<string>;
  /** Check every HAR entry, not only GET calls to the operation. */
  allEntries: boolean;
  operationLabel: string;
}

export function problem(name: string, message: string): ProblemUnit {
  return { kind: 'problem', name, message };
}
