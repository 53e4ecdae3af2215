/** The one error a spec that cannot be read raises, with a kind per reason and the place when there is one. */

export type SpecReadErrorKind =
  /** No file at the path. */
  | 'not-found'
  /** The path is a directory or another non-file. */
  | 'not-a-file'
  /** The file exists but cannot be read (permissions, size). */
  | 'unreadable'
  /** The text does not parse as YAML (JSON is YAML). */
  | 'not-yaml'
  /** YAML, but not an OpenAPI document (no `openapi` version, no `paths`, not a mapping). */
  | 'not-openapi'
  /** YAML aliases that would expand beyond the limit (an "alias bomb"): refused before anything expands them. */
  | 'too-many-aliases'
  /** A `$ref` to a URL (`http:`, `https:`, `//host`, any scheme but `file:`): no tool of this project fetches one. */
  | 'remote-ref'
  /** A `$ref` to a file outside the spec's directory, or to any file from a spec given as text. */
  | 'out-of-tree-ref'
  /** A `$ref` that names nothing. */
  | 'unresolved-ref'
  /** Read, but a tool cannot use it as it is (OpenAPI 3.0's `nullable`, a schema `$ref` outside the document). */
  | 'unsupported';

export interface SpecPlace {
  /** 1-based line and column in `file`. */
  line: number;
  column: number;
  /** JSON pointer of the node in that file, when the error is about a node. */
  pointer?: string;
}

const MARK = Symbol.for('@target-groups/spec.SpecReadError');

/** A spec that cannot be read; the message names the file, the place and the reason, never a parser's stack. */
export class SpecReadError extends Error {
  override name = 'SpecReadError';
  constructor(
    readonly kind: SpecReadErrorKind,
    /** The file as given (absolute path), or the name given with a spec's text. */
    readonly file: string,
    /** The reason alone, without the file and place that `message` starts with. */
    readonly reason: string,
    readonly place?: SpecPlace,
    /** The `$ref` value refused or not resolved. */
    readonly ref?: string,
  ) {
    super(`${file}${place ? `:${place.line}:${place.column}` : ''}: ${reason}`);
  }

  // A package that bundles the reader (the validator, the CLI) holds a copy of this class: `instanceof` asks for the
  // mark, so an error raised by one copy is a SpecReadError to every other.
  static override [Symbol.hasInstance](value: unknown): boolean {
    return (value as { [MARK]?: boolean } | null)?.[MARK] === true;
  }

  get [MARK](): true {
    return true;
  }
}
