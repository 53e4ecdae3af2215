// The contract as the tests see it, through the spec reader: the same spec @target-groups/mock was built from.
import { loadSpec } from '@target-groups/spec';

const spec = await loadSpec();

export const examples = spec.examples.map((example) => ({ ...example, status: Number(example.status) }));
export type Example = (typeof examples)[number];

/** The v3 operation (getUserTargetGroups): the path most tests call, and its declared statuses. */
const v3 = spec.operations.find((operation) => operation.operationId === 'getUserTargetGroups')!;
export const pathTemplate = v3.path;
/** The statuses the v3 operation declares, ascending. */
export const statuses = v3.responses
  .map((response) => Number(response.status))
  .filter(Number.isInteger)
  .sort((a, b) => a - b);

export const pathFor = (userId: string | number, template = pathTemplate) =>
  template.replace('{userId}', encodeURIComponent(String(userId)));

/** The path template of the operation an example belongs to: it is asked for there, not on another operation's. */
export const pathOf = (example: Example) =>
  spec.operations.find((operation) => operation.operationId === example.operationId)!.path;

/** Whether an example belongs to the connected-organisations operation (the client calls it with a data scope). */
export const isConnected = (example: Example) => example.operationId === 'getConnectedOrgUserTargetGroups';

/** The userId an example is about (its own, when the body names one). */
export function userIdFor(example: Example): number {
  const data = (example.value as { data?: { userId?: unknown } | null }).data;
  return typeof data?.userId === 'number' ? data.userId : 566881933;
}
