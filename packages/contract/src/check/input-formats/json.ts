/** JSON: the whole input is one response body (the fallback when the input is neither NDJSON nor a HAR capture). */
import { formatBytes } from '../../cli/format.js';
import { problem, type SourceOptions, type Unit } from '../units.js';
import type { Detected, InputFormat } from './format.js';
import { decodeBody } from './text.js';

const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;

export const json: InputFormat = {
  id: 'json',
  canRead: () => true,
  async *read(name: string, detected: Detected, opts: SourceOptions): AsyncGenerator<Unit[]> {
    let held = detected.held;
    let size = detected.bytesRead;
    if (!detected.ended) {
      for await (const chunk of detected.rest) {
        size += chunk.length;
        if (held && size <= opts.maxBodyBytes) held.push(chunk);
        else held = undefined;
      }
    }
    if (size === 0) {
      yield [problem(name, 'empty file; expected a JSON body, NDJSON or a HAR capture')];
      return;
    }
    if (!held || size > opts.maxBodyBytes) {
      yield [
        problem(
          name,
          `body is ${formatBytes(size)}, larger than the body size limit of ${formatBytes(opts.maxBodyBytes)} (--max-body-size); not checked`,
        ),
      ];
      return;
    }
    const bytes = Buffer.concat(held, size);
    const first = detected.probe.firstByte;
    if (first === -1) {
      yield [problem(name, 'empty file (only whitespace); expected a JSON body, NDJSON or a HAR capture')];
      return;
    }
    const decoded = decodeBody(bytes, 'the file');
    if ('problem' in decoded) {
      // Text that does not even start like JSON is most likely not meant to be checked at all.
      const binary = first !== OPEN_BRACE && first !== OPEN_BRACKET;
      yield [
        problem(
          name,
          binary
            ? `binary file (${decoded.problem.replace(/^.*?\(|\); not checked$/g, '')}); expected JSON, NDJSON or a HAR capture`
            : decoded.problem,
        ),
      ];
      return;
    }
    yield [{ kind: 'body', name, status: opts.status, operationId: opts.operationId, text: decoded.text }];
  },
};
