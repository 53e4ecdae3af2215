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
    `export const contract: ScenarioContract = ${JSON.stringify(contract, null, 1)};\n`,
);
process.stdout.write(
  `generate-scenarios: ${examples.length} named examples, ${Object.keys(responses).length} statuses, ${parameters.length} parameters\n`,
);
