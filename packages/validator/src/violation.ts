export type Severity = 'error' | 'warning';

/** One difference between a body and the contract. `pointer` is a JSON pointer (RFC 6901) into the body. */
export interface Violation {
  pointer: string;
  severity: Severity;
  message: string;
}
