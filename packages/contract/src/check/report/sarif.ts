/**
 * The check's findings as SARIF 2.1.0, for code-scanning tools: one result per finding, located at the line of the
 * spec that declares the body's place (the line to edit), with the body and its JSON pointer in the message.
 */
import type { Violation } from '../../types.js';
import type { BodyResult } from '../checkBody.js';
import { findingOf, type GroupSample } from './aggregate.js';
import type { SpecPlace } from './locations.js';
import { escapeJson } from '../../cli/escape.js';
import type { Output } from './output.js';

export interface CheckedBody {
  /** How the check names the body: `FILE`, `FILE:LINE`, `FILE#ENTRY`. */
  name: string;
  status: number;
  violations: readonly Violation[];
}

interface Rule {
  id: string;
  text: string;
  /** The violation kinds (`ViolationKind` of @target-groups/validator) the rule reports. */
  kinds: string[];
}

// One rule per kind of finding, read from the violation's kind.
const RULES: Rule[] = [
  { id: 'undocumented-property', text: 'A property the contract does not declare', kinds: ['undocumented-property'] },
  { id: 'unknown-open-enum-value', text: 'A value an open enum does not list yet', kinds: ['open-enum-value'] },
  { id: 'closed-enum-value', text: 'A value outside a closed enum', kinds: ['enum'] },
  { id: 'unexpected-null', text: 'null where the contract does not allow it', kinds: ['unexpected-null'] },
  {
    id: 'missing-required-property',
    text: 'A required property is missing',
    kinds: ['required', 'dependentRequired'],
  },
  { id: 'pattern-mismatch', text: 'A string that does not match its pattern', kinds: ['pattern'] },
  { id: 'wrong-type-or-format', text: 'A value of another type or format', kinds: ['type', 'format', 'const'] },
  { id: 'contract-violation', text: 'The body does not conform to the contract', kinds: [] },
];

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

export function ruleFor(violation: Pick<Violation, 'kind'>): string {
  return (RULES.find((rule) => rule.kinds.includes(violation.kind)) ?? RULES.at(-1)!).id;
}

/** Where a SARIF result points: the spec line of the schema a finding is about (from the ViolationLocator). */
export type LocatePlace = (finding: GroupSample) => SpecPlace | undefined;

export function sarifResult(
  body: CheckedBody,
  violation: Violation,
  place: SpecPlace | undefined,
  specFile: string,
  specOrigin?: string,
) {
  const origin = place?.origin ?? specOrigin;
  return {
    ruleId: ruleFor(violation),
    level: violation.severity === 'error' ? 'error' : 'warning',
    message: {
      text: `${body.name} (HTTP ${body.status}) at ${violation.pointer || '(root)'}: ${violation.message}`,
    },
    locations: [
      {
        physicalLocation: {
          artifactLocation: {
            uri: place?.file ?? specFile,
            // A consumer's repository has no spec/targetGroups.yaml: the location says which contract it is in.
            ...(origin ? { description: { text: `${origin}: \`target-groups-contract spec\` prints it` } } : {}),
          },
          region: { startLine: place?.line ?? 1 },
        },
        ...(place
          ? { logicalLocations: [{ fullyQualifiedName: place.pointer, name: place.component ?? place.pointer }] }
          : {}),
      },
    ],
    partialFingerprints: { bodyPointer: violation.pointer.replace(/\/\d+(?=\/|$)/g, '/*') },
  };
}

/**
 * The SARIF log, streamed: each checked body's results as it comes (a run's `results` precede its `tool`, which
 * lists the rules used once they are known), so memory does not grow with the findings.
 */
export class SarifResults {
  private first = true;
  private opened = false;
  private readonly used = new Set<string>();

  constructor(
    private readonly out: Output,
    private readonly locate: LocatePlace,
    private readonly tool: { version: string; specFile: string; specOrigin: string | undefined },
  ) {}

  async add(result: BodyResult): Promise<void> {
    if (!result.checked || result.violations.length === 0 || result.status === undefined) return;
    const body = { name: result.name, status: result.status, violations: result.violations };
    let text = this.opened ? '' : this.open();
    for (const violation of result.violations) {
      const place = this.locate(findingOf(result, violation));
      const entry = sarifResult(body, violation, place, this.tool.specFile, this.tool.specOrigin);
      this.used.add(entry.ruleId);
      text += `${this.first ? '' : ','}\n${escapeJson(JSON.stringify(entry))}`;
      this.first = false;
    }
    await this.out.write(text);
  }

  private open(): string {
    this.opened = true;
    return `{"version":"2.1.0","$schema":${JSON.stringify(SARIF_SCHEMA)},"runs":[{"results":[`;
  }

  async finish(): Promise<void> {
    const tool = {
      driver: {
        name: 'target-groups-contract',
        version: this.tool.version,
        informationUri: 'https://www.npmjs.com/package/@target-groups/contract',
        rules: RULES.filter((rule) => this.used.has(rule.id)).map((rule) => ({
          id: rule.id,
          shortDescription: { text: rule.text },
        })),
      },
    };
    await this.out.write(`${this.opened ? '' : this.open()}\n],"tool":${JSON.stringify(tool)}}]}\n`);
    await this.out.end();
  }
}
