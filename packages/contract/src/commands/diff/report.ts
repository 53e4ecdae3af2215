import type { Change } from './classify.js';
import { escapeControl, escapeJson, terminalLines } from '../../cli/escape.js';
import { unescapeKey } from '@target-groups/spec/portable';

/** The packages whose published types follow the contract: a breaking change is a major release of both. */
export const TYPED_PACKAGES = ['@target-groups/types', '@target-groups/client'] as const;

/** A pointer as a consumer reads it: `/components/schemas/Target/properties/enrolledOn` → `Target.enrolledOn`. */
export function subject(pointer: string): string {
  const keys = pointer.split('/').slice(1).map(unescapeKey);
  if (keys[0] === 'components' && keys[1] === 'schemas' && keys[2] !== undefined) {
    let name = keys[2];
    for (let i = 3; i < keys.length; i++) {
      const key = keys[i]!;
      if (key === 'properties' && keys[i + 1] !== undefined) name += `.${keys[++i]}`;
      else if (key === 'items') name += '[]';
      else if (key === 'additionalProperties') name += '[key]';
      else if (!['anyOf', 'oneOf', 'allOf'].includes(key) && !/^\d+$/.test(key)) name += ` (${key})`;
    }
    return name;
  }
  if (keys[0] === 'paths' && keys[1] !== undefined && keys[2] !== undefined) {
    const rest = keys.slice(3).join('/');
    return `${keys[2].toUpperCase()} ${keys[1]}${rest ? ` ${rest}` : ''}`;
  }
  return pointer || '(document)';
}

export function textReport(
  base: string,
  head: string,
  changes: readonly Change[],
  locate?: (c: Change) => string,
): string {
  const breaking = changes.filter((c) => c.impact === 'breaking');
  const lines = [
    `Contract diff ${base} → ${head}: ${changes.length} change${changes.length === 1 ? '' : 's'}, ${breaking.length} breaking for typed consumers`,
  ];
  for (const impact of ['breaking', 'compatible'] as const) {
    const group = changes.filter((c) => c.impact === impact);
    if (group.length === 0) continue;
    lines.push('', impact === 'breaking' ? 'Breaking:' : 'Compatible:');
    for (const c of group) {
      const where = locate?.(c);
      lines.push(`  ${subject(c.pointer)}: ${c.message} [${c.change}]${where ? `  (${where})` : ''}`);
    }
  }
  return terminalLines(lines);
}

export function jsonReport(changes: readonly Change[]): string {
  return `${escapeJson(JSON.stringify({ changes: changes.map(({ pointer, change, impact, message }) => ({ pointer, change, impact, message })) }, null, 2))}\n`;
}

/** The release bump the change list calls for: major when anything breaks typed consumers. */
export function bumpFor(changes: readonly Change[]): 'major' | 'minor' | 'patch' {
  if (changes.some((c) => c.impact === 'breaking')) return 'major';
  return changes.some((c) => c.change !== 'documentation') ? 'minor' : 'patch';
}

/** A changeset (`.changeset/*.md`) whose text is the change list, written for the consumers of the typed packages. */
export function changesetBody(changes: readonly Change[], title = 'Contract changes'): string {
  const bump = bumpFor(changes);
  const front = ['---', ...TYPED_PACKAGES.map((name) => `'${name}': ${bump}`), '---', ''];
  const body: string[] = [title, ''];
  const typeChanges = changes.filter((c) => c.change !== 'documentation');
  const docs = changes.length - typeChanges.length;
  for (const impact of ['breaking', 'compatible'] as const) {
    const group = typeChanges.filter((c) => c.impact === impact);
    if (group.length === 0) continue;
    body.push(impact === 'breaking' ? 'Breaking for typed consumers:' : 'Compatible:', '');
    for (const c of group) body.push(`- \`${subject(c.pointer)}\`: ${c.message}`);
    body.push('');
  }
  if (docs > 0)
    body.push(`Descriptions and examples: ${docs} change${docs === 1 ? '' : 's'} (no effect on types).`, '');
  if (typeChanges.length === 0 && docs === 0) body.push('No change to the contract.', '');
  return `${[...front, ...body].map(escapeControl).join('\n').trimEnd()}\n`;
}
