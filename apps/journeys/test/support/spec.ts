// The contract as the tests see it, through the spec reader: the same spec @target-groups/mock was built from.
import { loadSpec } from '@target-groups/spec';

const spec = await loadSpec();

export const examples = spec.examples.map((example) => ({ ...example, status: Number(example.status) }));
export type Example = (typeof examples)[number];

const [pathTemplate, pathItem] = Object.entries(spec.document.paths).find(([, item]) => item.get)!;
export { pathTemplate };
/** The statuses the operation declares, ascending. */
export const statuses = Object.keys((pathItem.get as { responses: Record<string, unknown> }).responses)
  .map(Number)
  .sort((a, b) => a - b);

export const pathFor = (userId: string | number) =>
  pathTemplate.replace('{userId}', encodeURIComponent(String(userId)));

/** The userId an example is about (its own, when the body names one). */
export function userIdFor(example: Example): number {
  const data = (example.value as { data?: { userId?: unknown } | null }).data;
  return typeof data?.userId === 'number' ? data.userId : 566881933;
}
