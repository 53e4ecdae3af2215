/** What an input format yields: one unit per body to check, per problem, or per group of deliberately skipped entries. */

export interface BodyUnit {
  kind: 'body';
  name: string;
  status: number;
  /** The operation of the spec the body is an answer of (its id). */
  operationId: string;
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
  /**
   * The operation of the spec a captured call is, with the query parameters it declares (a captured URL is reported
   * with these values only); undefined for a call to anything else.
   */
  operationOf(method: string, url: string): { id: string; queryParameters: ReadonlySet<string> } | undefined;
  /** The operation plain JSON and NDJSON bodies (and, with `allEntries`, unmatched HAR entries) are answers of. */
  operationId: string;
  /** Check every HAR entry, not only calls to an operation of the spec. */
  allEntries: boolean;
}

export function problem(name: string, message: string): ProblemUnit {
  return { kind: 'problem', name, message };
}
