/**
 * Which operation of the spec a call in a capture is (the spec reader's `match`: method and path template, under
 * any prefix such as a gateway's), and the options every traffic reader shares.
 */
import type { LoadedSpec, Operation } from '@target-groups/spec';
import { InputError } from '../spec/specInput.js';
import type { SourceOptions } from './units.js';

export const DEFAULT_MAX_BODY = 16 * 1024 * 1024;
export const DEFAULT_MAX_HAR = 1024 * 1024 * 1024;

/** `--operation ID`, else the spec's first operation: what plain JSON and NDJSON bodies are answers of. */
export function operationFor(spec: Pick<LoadedSpec, 'operations'>, id: string | undefined): Operation {
  const operations = spec.operations;
  const found = id === undefined ? operations[0] : operations.find((o) => o.id === id);
  if (found) return found;
  const known = operations.map((o) => o.id).join(', ') || 'none';
  throw new InputError(
    id === undefined
      ? 'the spec declares no operation'
      : `--operation: the spec has no operation ${id} (it has: ${known})`,
  );
}

/** The input-format options for `spec`, bare bodies read as answers of `operation`; defaults as `check` documents them. */
export function sourceOptionsFor(
  spec: Pick<LoadedSpec, 'match'>,
  operation: Operation,
  options: Partial<Pick<SourceOptions, 'status' | 'maxBodyBytes' | 'maxHarBytes' | 'allEntries'>> = {},
): SourceOptions {
  return {
    status: options.status ?? 200,
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY,
    maxHarBytes: options.maxHarBytes ?? DEFAULT_MAX_HAR,
    allEntries: options.allEntries ?? false,
    operationId: operation.id,
    operationOf(method, url) {
      const match = spec.match(method, url);
      if (!match) return undefined;
      const { id, parameters } = match.operation;
      return { id, queryParameters: new Set(parameters.filter((p) => p.in === 'query').map((p) => p.name)) };
    },
  };
}
