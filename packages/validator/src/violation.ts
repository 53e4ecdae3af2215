export type Severity = 'error' | 'warning';

/**
 * What a finding is: the JSON Schema keyword the body fails (`type`, `required`, `enum`, `pattern`, `format`, ...), or
 * one of the validator's own rules:
 * - `undocumented-property`, `open-enum-value`: drift a typed consumer survives (warnings, ./driftRules.ts);
 * - `unexpected-null`: `null` where the schema's `type` does not allow it;
 * - `undeclared-status`: the operation declares no response for the status;
 * - `unreadable-body`: not JSON, empty, or nested too deeply to check;
 * - `unsafe-integer`: an integer beyond 2^53, which JavaScript consumers read rounded (a warning).
 */
export type ViolationKind =
  | 'undocumented-property'
  | 'open-enum-value'
  | 'unexpected-null'
  | 'undeclared-status'
  | 'unreadable-body'
  | 'unsafe-integer'
  | (string & {});

/** One difference between a body and the contract. */
export interface Violation {
  /** JSON pointer (RFC 6901) into the body. */
  pointer: string;
  severity: Severity;
  kind: ViolationKind;
  /** JSON pointer into the spec of the schema the finding is about (the place to edit), when there is one. */
  schemaPointer?: string;
  message: string;
}
