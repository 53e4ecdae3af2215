/** Which calls in a capture are calls to the checked operation, and the options every traffic reader shares. */
import type { ContractValidator } from '@target-groups/validator';
import type { SourceOptions } from './units.js';

export const DEFAULT_MAX_BODY = 16 * 1024 * 1024;
export const DEFAULT_MAX_HAR = 1024 * 1024 * 1024;

export function operationMatcher(templates: readonly string[]): (url: string) => boolean {
  const patterns = templates.map((template) => {
    const escaped = template
      .split(/\{[^}]+\}/)
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('[^/]+')
      // The connected-orgs variant serves the same answer under a minor version (/v3.1/...).
      .replace(/\/v(\d+)\//, '/v$1(?:\\.\\d+)?/');
    return new RegExp(`${escaped}/?$`);
  });
  return (url) => {
    let path = url;
    try {
      path = new URL(url).pathname;
    } catch {
      path = url.split(/[?#]/)[0] ?? url;
    }
    return patterns.some((re) => re.test(path));
  };
}

/** The input-format options for `validator`'s operation; defaults as `check` documents them. */
export function sourceOptionsFor(
  validator: ContractValidator,
  options: Partial<Omit<SourceOptions, 'isOperationUrl' | 'operationLabel' | 'queryParameters'>> = {},
): SourceOptions {
  return {
    status: options.status ?? 200,
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY,
    maxHarBytes: options.maxHarBytes ?? DEFAULT_MAX_HAR,
    allEntries: options.allEntries ?? false,
    isOperationUrl: operationMatcher(validator.pathTemplates),
    queryParameters: new Set(validator.queryParameters),
    operationLabel: `GET ${validator.pathTemplates[0] ?? '(operation)'}`,
  };
}
