// The models of the operations whose answers are about a resource (users and their target groups, the organisation's
// promotions), by operationId. An operation without one is answered with bodies generated from its response schema;
// adding an operation that needs data of its own is one more model registered here.
import type { Operation } from '@target-groups/spec/portable';
import type { ParameterValues } from '../parameters.js';
import { connectedOrgsModel } from './connectedOrgs.js';
import { getPromotionModel, listPromotionsModel } from './promotions.js';
import { targetGroupsModel } from './targetGroups.js';

/** A request as a model sees it: its operation and its parameters, checked and typed (int64 as decimal text). */
export interface ModelRequest {
  operation: Operation;
  parameters: ParameterValues;
  seed: string;
}

/** A success answer: a JSON body, or a text of another type; the status defaults to the operation's 2xx. */
export interface ModelAnswer {
  status?: number;
  body?: unknown;
  text?: string;
  contentType?: string;
}

export interface OperationModel {
  /** The scenarios of its own (`noTargetGroups`), answered by `answer` with their name. */
  scenarios?: readonly string[];
  answer(request: ModelRequest, scenario?: string): ModelAnswer;
  /** `forwardCompatible`: the body drifted (default: the whole body, within its schema). */
  drift?(body: Record<string, unknown>, request: ModelRequest): unknown;
  /** The body's JSON text (default: `JSON.stringify`). */
  serialize?(body: unknown, request: ModelRequest): string;
}

export type ModelFactory = (operation: Operation, context: { seed: string; drifts: boolean }) => OperationModel;

export const BUILT_IN_MODELS: Record<string, ModelFactory> = {
  getUserTargetGroups: targetGroupsModel,
  getConnectedOrgUserTargetGroups: connectedOrgsModel,
  listPromotions: listPromotionsModel,
  getPromotion: getPromotionModel,
};
