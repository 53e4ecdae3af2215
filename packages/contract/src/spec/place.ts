/** How a report names a place in the spec: `Target at spec/targetGroups.yaml:1234`. */
import type { LoadedSpec } from '@target-groups/spec';
import { componentAt } from './schemaIndex.js';

export function describePlace(spec: Pick<LoadedSpec, 'locate'>, file: string, pointer: string): string {
  const component = componentAt(pointer);
  return `${component ? `${component} at ` : ''}${file}:${spec.locate(pointer).line}`;
}
