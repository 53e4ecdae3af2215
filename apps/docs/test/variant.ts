// A copy of the contract that no docs code was written for: a second operation (its own path, parameters,
// responses and named examples), properties named after every Object.prototype member and `__proto__`, and text
// that only looks like a tag; built once per test run (globalSetup.ts) with a release history, and read by the
// build, Markdown and browser tests.
import { parseDocument } from 'yaml';

export const SECOND_OPERATION = {
  path: '/v3/users/{userId}/streakSummary',
  operationId: 'getUserStreakSummary',
  queryParameter: 'startedSince',
  examples: ['streakSummaryOfUser7', 'streakSummaryUserNotFound'],
};

/** Properties added to TargetGroupsResponse, each a string described as `Property named NAME.` */
export const PROTOTYPE_NAMES = [...Object.getOwnPropertyNames(Object.prototype), '__proto__'];

/** AuditUser.code's description: no element the docs refuse, only text that looks like one. */
export const TAG_LIKE_TEXT =
  'Code; send `<base64>` or &lt;iframe&gt; as text, set only=true, a <formula> is not a form.';

export const HISTORY = {
  releases: [
    { version: '1.0.0', date: '2026-11-01', changes: [] },
    {
      version: '2.0.0',
      date: '2026-12-01',
      changes: [
        {
          pointer: '/components/schemas/Streak/properties/status',
          change: 'type-changed',
          impact: 'breaking',
          message: 'status became nullable',
        },
        {
          pointer: '/components/schemas/Target/properties/badge',
          change: 'property-added',
          impact: 'compatible',
          message: 'new optional property badge',
        },
      ],
    },
  ],
};

const errorBody = (code: number, message: string) => ({ data: null, errors: [{ code, message }], warnings: null });

/** The contract's text with the second operation, the prototype-named properties and the tag-like text. */
export function variantSpec(contract: string): string {
  const doc = parseDocument(contract);
  // In the contract's first tag, after its operation: the page lands on the first and lists the second below it.
  const tag = doc.getIn(['tags', 0, 'name']);
  doc.setIn(
    ['paths', SECOND_OPERATION.path],
    doc.createNode({
      get: {
        operationId: SECOND_OPERATION.operationId,
        tags: [tag],
        summary: "Get a summary of a user's streaks",
        description: 'How many streaks of the user are running and how many are complete.',
        parameters: [
          {
            name: 'userId',
            in: 'path',
            required: true,
            description: 'The loyalty user.',
            schema: { type: 'integer', format: 'int64' },
            example: 7,
          },
          {
            name: SECOND_OPERATION.queryParameter,
            in: 'query',
            required: false,
            description: 'Only streaks started on or after this date.',
            schema: { type: 'string', format: 'date' },
            example: '2026-01-01',
          },
        ],
        responses: {
          '200': {
            description: "The user's streak summary.",
            content: {
              'application/json': {
                schema: { $ref: '#/components/schemas/StreakSummary' },
                examples: {
                  [SECOND_OPERATION.examples[0]!]: {
                    summary: 'Streak summary of user 7',
                    value: { userId: 7, runningStreaks: 2, completedStreaks: 5 },
                  },
                },
              },
            },
          },
          '404': {
            description: 'No such user.',
            content: {
              'application/json': {
                schema: { $ref: '#/components/schemas/ErrorResponse' },
                examples: {
                  [SECOND_OPERATION.examples[1]!]: {
                    summary: 'No user 8',
                    value: errorBody(8015, 'Customer not found for given identifier'),
                  },
                },
              },
            },
          },
        },
      },
    }),
  );
  doc.setIn(
    ['components', 'schemas', 'StreakSummary'],
    doc.createNode({
      type: 'object',
      description: "A user's streaks, counted.",
      required: ['userId', 'runningStreaks', 'completedStreaks'],
      properties: {
        userId: { type: 'integer', format: 'int64', description: 'The loyalty user.' },
        runningStreaks: { type: 'integer', description: 'Streaks not complete yet.' },
        completedStreaks: { type: 'integer', description: 'Streaks complete.' },
      },
    }),
  );
  for (const name of PROTOTYPE_NAMES) {
    doc.setIn(
      ['components', 'schemas', 'TargetGroupsResponse', 'properties', name],
      doc.createNode({ type: 'string', description: `Property named ${name}.` }),
    );
  }
  doc.setIn(['components', 'schemas', 'AuditUser', 'properties', 'code', 'description'], TAG_LIKE_TEXT);
  return doc.toString();
}
