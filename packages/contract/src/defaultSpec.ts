import openapi from './generated/openapi.json' with { type: 'json' };
import type { OpenApiDocument } from './specModel.js';

/** The project's contract (spec/targetGroups.yaml), bundled at build time. */
export const defaultSpec = openapi as unknown as OpenApiDocument;
