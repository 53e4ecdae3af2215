/**
 * `@target-groups/spec/guard`: what a tool that hands a spec to another parser (Prism, Spectral) runs first, without
 * the bundler: the one parse with the alias limit, and the check of every `$ref` (no URL, no file outside the
 * spec's directory).
 */
export { SpecReadError, type SpecPlace, type SpecReadErrorKind } from './errors.js';
export { MAX_ALIAS_COUNT, type ParsedSpecText, parseSpecText } from './parse.js';
export { readSpecFiles, type SpecInput, type SpecText } from './read.js';
export { isInTree, type RefTarget, type RefUse, refTarget, refsIn, refusalOf, type SpecFiles } from './references.js';
export type { SourceMap, SourcePosition } from './sourceMap.js';
