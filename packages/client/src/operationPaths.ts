// The paths of the two target-groups operations the client calls and checks for drift: constants of their own, so
// that the main entry holds them without the data-scope rules, which load only for a data-scope call.

/** The v3 operation the contract describes. */
export const TARGET_GROUPS_PATH = '/v3/users/{userId}/targetGroups';
/** The connected-organisations variant of the operation, answered with the same schemas. */
export const CONNECTED_ORG_TARGET_GROUPS_PATH = '/api_gateway/intouch-api-v3/v3.1/users/{userId}/targetGroups';
