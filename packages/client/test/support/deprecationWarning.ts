// The client warns once per process, by a flag on globalThis (src/deprecation.ts). A test that counts that warning
// starts as a process that has not warned yet: test files share their worker, and an earlier one may have.
export function forgetDeprecationWarning(): void {
  delete (globalThis as Record<symbol, unknown>)[Symbol.for('@target-groups/client.deprecation-warned')];
}
