/**
 * Writes the edits that hold and refuses the others, each with its reason, so that one hard edit does not cost the
 * whole proposal. An edit holds when the editor can make it (./edit.ts), the text reads back as intended, the spec
 * reader reads the result and the validator compiles it. The edits are tried together first (one read for the
 * usual proposal); when they fail together, an edit that failed on its own is refused at once, and otherwise the
 * edits are halved until each failing one is found (a few reads per refused edit).
 */
import { createValidator, type ContractValidator } from '@target-groups/validator';
import { readSpecText, type SpecSource } from '../../spec/specInput.js';
import { SpecEditor, type SpecText } from './edit.js';
import type { PlannedEdit, Refusal } from './proposal.js';

export interface Applied {
  text: string;
  /** The spec as the reader reads the new text (the one given, when nothing was applied). */
  spec: SpecSource;
  validator: ContractValidator;
  applied: PlannedEdit[];
  refused: Refusal[];
}

type Attempt =
  | { ok: true; text: string; spec: SpecSource; validator: ContractValidator }
  | { ok: false; reason: string; blame?: PlannedEdit };

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error)).split('\n')[0]!;

/** The reader's reason, without the temporary file the proposal was read from. */
const readerReason = (error: unknown) =>
  messageOf(error).replace(/^.*target-groups-spec-[^/]+\/targetGroups\.yaml: /, '');

/** Applies `edits` to `base` (the text of `spec`, whose validator is `validator`). */
export async function applyEdits(
  base: SpecText,
  spec: SpecSource,
  validator: ContractValidator,
  edits: PlannedEdit[],
): Promise<Applied> {
  const refused: Refusal[] = [];
  const refuse = (edit: PlannedEdit, reason: string) =>
    refused.push(...edit.records.map((r) => ({ pointer: r.pointer, kind: r.kind, reason })));
  let last: { set: PlannedEdit[]; attempt: Attempt & { ok: true } } | undefined;

  const attempt = async (set: PlannedEdit[]): Promise<Attempt> => {
    const editor = new SpecEditor(base);
    for (const edit of set) {
      try {
        edit.apply(editor);
      } catch (error) {
        return { ok: false, reason: messageOf(error), blame: edit };
      }
    }
    let text: string;
    try {
      text = editor.result();
    } catch (error) {
      return { ok: false, reason: messageOf(error) };
    }
    let read: SpecSource;
    try {
      read = await readSpecText(text, spec.label, spec.path);
    } catch (error) {
      return { ok: false, reason: `the spec reader cannot read the spec with this edit (${readerReason(error)})` };
    }
    try {
      const compiled = createValidator(read);
      const done = { ok: true as const, text, spec: read, validator: compiled };
      last = { set, attempt: done };
      return done;
    } catch (error) {
      return { ok: false, reason: `the validator cannot compile the spec with this edit (${messageOf(error)})` };
    }
  };

  /** `kept` (which holds) plus those of `items` that hold with it. */
  const keep = async (kept: PlannedEdit[], items: PlannedEdit[]): Promise<PlannedEdit[]> => {
    let rest = items;
    while (rest.length > 0) {
      const result = await attempt([...kept, ...rest]);
      if (result.ok) return [...kept, ...rest];
      const { blame } = result;
      if (blame && rest.includes(blame)) {
        refuse(blame, result.reason);
        rest = rest.filter((edit) => edit !== blame);
      } else if (rest.length === 1) {
        refuse(rest[0]!, result.reason);
        return kept;
      } else {
        const half = rest.length >> 1;
        return keep(await keep(kept, rest.slice(0, half)), rest.slice(half));
      }
    }
    return kept;
  };

  const applied = await keep([], edits);
  if (applied.length === 0) return { text: spec.text, spec, validator, applied, refused };
  const same = last && last.set.length === applied.length && last.set.every((edit, i) => edit === applied[i]);
  const final = same ? last!.attempt : await attempt(applied);
  if (!final.ok) {
    for (const edit of applied) refuse(edit, final.reason);
    return { text: spec.text, spec, validator, applied: [], refused };
  }
  return { text: final.text, spec: final.spec, validator: final.validator, applied, refused };
}
