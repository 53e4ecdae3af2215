// The validator's finding, the one shape every report of the check is made of.
export type { Severity, Violation } from '@target-groups/validator';
