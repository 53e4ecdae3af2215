/** Checks one unit of input against the contract: the one function every subcommand that reads traffic shares. */
import { DEFAULT_MAX_DEPTH, depthProblem, parseBody } from '@target-groups/validator';
import type { ContractValidator } from '@target-groups/validator';
import type { Violation } from '../types.js';
import type { BodyUnit, ProblemUnit } from './units.js';

export interface BodyResult {
  name: string;
  /** False when the body could not be read or parsed (then `problem` says why). */
  checked: boolean;
  /** Errors and warnings, each with a JSON pointer into the body. */
  violations: Violation[];
  problem?: string;
  /** The operation and status the body was checked against, and its request where the input records it (HAR). */
  operationId?: string;
  status?: number;
  request?: string;
  /** The parsed body, for the subcommands that read more than its violations (coverage, propose). */
  value?: unknown;
}

export function checkBody(validator: ContractValidator, unit: BodyUnit | ProblemUnit): BodyResult {
  if (unit.kind === 'problem') return { name: unit.name, checked: false, violations: [], problem: unit.message };
  const parsed = parseBody(unit.text, DEFAULT_MAX_DEPTH, { checkDepth: false });
  if (!parsed.ok)
    return {
      name: unit.name,
      checked: false,
      violations: [],
      problem: unit.note ? `${unit.note}; ${parsed.message}` : parsed.message,
    };
  const violations = validator.forOperation(unit.operationId).validateBody(parsed.value, parsed.integers, unit.status);
  // Nesting is measured only for bodies that already fail: a conforming body's depth is bounded by the schema's.
  if (violations.length > 0) {
    const deep = depthProblem(unit.text, DEFAULT_MAX_DEPTH);
    if (deep) return { name: unit.name, checked: false, violations: [], problem: deep };
  }
  const result: BodyResult = {
    name: unit.name,
    checked: true,
    violations,
    operationId: unit.operationId,
    status: unit.status,
    value: parsed.value,
  };
  if (unit.request !== undefined) result.request = unit.request;
  if (unit.note !== undefined) result.problem = unit.note;
  return result;
}
