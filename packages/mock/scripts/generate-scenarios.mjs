// Writes what the scenario engine needs of the contract into src/scenarios/generated/contract.ts, read through the
// spec reader at build time: the published package then carries it and needs no spec at run time.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SpecReadError, loadSpec } from '@target-groups/spec';

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outFile = path.join(packageDir, 'src', 'scenarios', 'generated', 'contract.ts');
const OPERATION_ID = 'getUserTargetGroups';

let spec;
try {
  spec = await loadSpec();
} catch (error) {
  process.stderr.write(`generate-scenarios: ${error instanceof SpecReadError ? error.message : String(error)}\n`);
  process.exit(2);
}

const operations = Object.entries(spec.dereferenced.paths).flatMap(([template, item]) =>
  Object.entries(item).map(([method, operation]) => ({ template, method, operation })),
);
const found = operations.find((entry) => entry.operation?.operationId === OPERATION_ID);
if (!found) {
  process.stderr.write(`generate-scenarios: ${spec.path} has no operation ${OPERATION_ID}\n`);
  process.exit(2);
}
const { template, method, operation } = found;

const responses = Object.fromEntries(
  Object.entries(operation.responses).map(([status, response]) => [
    status,
    { schema: response.content?.['application/json']?.schema ?? {}, description: response.description ?? '' },
  ]),
);
const parameters = (operation.parameters ?? []).map((parameter) => ({
  name: parameter.name,
  in: parameter.in,
  required: parameter.required === true,
  schema: parameter.schema ?? {},
}));
const securitySchemes = Object.entries(spec.dereferenced.components.securitySchemes ?? {}).map(([name, scheme]) => ({
  name,
  type: scheme.type,
  scheme: scheme.scheme,
  in: scheme.in,
  headerName: scheme.name,
}));
const examples = spec.examples
  .filter((example) => responses[example.status])
  .map(({ name, status, value }) => ({ name, status: Number(status), value }));

// Scenario names for the declared error statuses (`Prefer: scenario=forbidden` answers the 403 example), and the
// named 200 examples that are scenarios of their own: written here, as literals, so that the published types can
// name every scenario (`ScenarioName`) and the compiler catches a misspelt one.
const STATUS_NAMES = {
  400: 'badRequest',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'notFound',
  409: 'conflict',
  429: 'tooManyRequests',
  500: 'serverError',
  502: 'badGateway',
  503: 'serviceUnavailable',
  504: 'gatewayTimeout',
};
const statusScenarios = Object.fromEntries(
  Object.keys(responses)
    .filter((status) => /^[1-5]\d\d$/.test(status) && !status.startsWith('2'))
    .map((status) => [STATUS_NAMES[status] ?? `status${status}`, Number(status)]),
);
const EXAMPLE_SCENARIOS = ['userNotFound'];
const exampleScenarios = EXAMPLE_SCENARIOS.filter((name) =>
  examples.some((example) => example.name === name && example.status === 200),
);

const contract = {
  operationId: OPERATION_ID,
  method: method.toUpperCase(),
  pathTemplate: template,
  parameters,
  responses,
  securitySchemes,
  examples,
};

mkdirSync(path.dirname(outFile), { recursive: true });
writeFileSync(
  outFile,
  `// Generated at build by scripts/generate-scenarios.mjs from ${path.basename(spec.path)} (through @target-groups/spec).\n` +
    `// Not committed: every build writes it afresh from the contract.\n` +
    `import type { ScenarioContract } from '../contract.js';\n\n` +
    `export const contract: ScenarioContract = ${JSON.stringify(contract, null, 1)};\n\n` +
    `/** Scenarios that answer a declared error status with its first named example, in the spec's order. */\n` +
    `export const statusScenarios = ${JSON.stringify(statusScenarios)} as const;\n\n` +
    `/** Scenarios answered by the named 200 example of the same name. */\n` +
    `export const exampleScenarios = ${JSON.stringify(exampleScenarios)} as const;\n`,
);
process.stdout.write(
  `generate-scenarios: ${examples.length} named examples, ${Object.keys(responses).length} statuses, ${parameters.length} parameters\n`,
);
