import openapi from './generated/openapi.json' with { type: 'json' };
import type { OpenApiDocument } from './contractSchemas.js';

/** The project's contract (spec/targetGroups.yaml, bundled by the spec reader at build time). */
export const defaultSpec = openapi as unknown as OpenApiDocument;
