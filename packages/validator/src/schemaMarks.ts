// Marks the validator writes into its copy of the schemas (beside the drift rules' own, in ./driftRules.ts). Ajv
// hands a failing schema back with each error, so a mark is how an error says where it came from; and a mark, unlike
// a map keyed by schema object, survives the serialised copy that the validator compiled at build time embeds.

/** JSON pointer into the spec of the schema a copy was made from: the place a finding is about. */
export const SCHEMA_POINTER = 'x-schema-pointer';

/** Index of an anyOf/oneOf branch among the validators compiled at build time for the branches on their own. */
export const UNION_BRANCH = 'x-union-branch';

/** The pattern a declared property named `__proto__` is checked under (Ajv leaves that name out of `properties`). */
export const PROTO_PATTERN = '^__proto__$';
