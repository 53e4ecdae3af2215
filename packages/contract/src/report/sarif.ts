/**
 * The check's findings as SARIF 2.1.0, for code-scanning tools: one result per finding, located at the line of the
 * spec that declares the body's place (the line to edit), with the body and its JSON pointer in the message.
 */
import type { SpecPlace } from '../commands/check/locations.js';
import type { Violation } from '../types.js';

export interface CheckedBody {
  /** How the check names the body: `FILE`, `FILE:LINE`, `FILE#ENTRY`. */
  name: string;
  status: number;
  violations: readonly Violation[];
}

interface Rule {
  id: string;
  text: string;
  test: RegExp;
}

// One rule per kind of finding, recognised by the check's message wording (src/messages.ts, src/walk.ts).
const RULES: Rule[] = [
  { id: 'undocumented-property', text: 'A property the contract does not declare', test: /^undocumented property/ },
  { id: 'unknown-open-enum-value', text: 'A value an open enum does not list yet', test: /is not a known value/ },
  { id: 'closed-enum-value', text: 'A value outside a closed enum', test: /is not an allowed value/ },
  { id: 'unexpected-null', text: 'null where the contract does not allow it', test: /^null is not allowed/ },
  { id: 'missing-required-property', text: 'A required property is missing', test: /^required property/ },
  { id: 'pattern-mismatch', text: 'A string that does not match its pattern', test: /does not match/ },
  { id: 'wrong-type-or-format', text: 'A value of another type or format', test: /^expected / },
  { id: 'contract-violation', text: 'The body does not conform to the contract', test: /(?:)/ },
];

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

export function ruleFor(message: string): string {
  return (RULES.find((rule) => rule.test.test(message)) ?? RULES.at(-1)!).id;
}

export function sarifLog(
  bodies: Iterable<CheckedBody>,
  locate: (status: number, pointer: string) => SpecPlace | undefined,
  tool: { version: string; specFile: string },
): object {
  const results: object[] = [];
  const used = new Set<string>();
  for (const body of bodies) {
    for (const violation of body.violations) {
      const ruleId = ruleFor(violation.message);
      used.add(ruleId);
      const place = locate(body.status, violation.pointer);
      results.push({
        ruleId,
        level: violation.severity === 'error' ? 'error' : 'warning',
        message: {
          text: `${body.name} (HTTP ${body.status}) at ${violation.pointer || '(root)'}: ${violation.message}`,
        },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: place?.file ?? tool.specFile },
              region: { startLine: place?.line ?? 1 },
            },
            ...(place
              ? { logicalLocations: [{ fullyQualifiedName: place.pointer, name: place.component ?? place.pointer }] }
              : {}),
          },
        ],
        partialFingerprints: { bodyPointer: violation.pointer.replace(/\/\d+(?=\/|$)/g, '/*') },
      });
    }
  }
  return {
    version: '2.1.0',
    $schema: SARIF_SCHEMA,
    runs: [
      {
        tool: {
          driver: {
            name: 'target-groups-contract',
            version: tool.version,
            informationUri: 'https://www.npmjs.com/package/@target-groups/contract',
            rules: RULES.filter((rule) => used.has(rule.id)).map((rule) => ({
              id: rule.id,
              shortDescription: { text: rule.text },
            })),
          },
        },
        results,
      },
    ],
  };
}
