// Spectral's $ref resolver for the lint gate (`spectral lint --resolver scripts/spectralResolver.cjs`). Spectral's
// default resolver fetches every http(s) `$ref` and reads any file, wherever the `$ref` sits, an `example:` value
// included. This one fetches nothing: a URL is refused, and a file only read when it is inside the spec's directory
// (TARGET_GROUPS_SPEC_DIR, set by scripts/lint.mjs; without it, no file is read). The refusal is a Spectral
// `invalid-ref` finding that names the ref and its place. The rule is the spec reader's (src/references.ts).
const { readFile } = require('node:fs/promises');
const path = require('node:path');
const { Resolver } = require('@stoplight/spectral-ref-resolver');

const guard = import(path.join(__dirname, '..', 'dist', 'guard.js'));
const tree = process.env.TARGET_GROUPS_SPEC_DIR || undefined;

async function refuseOrRead(uri) {
  const { refTarget, refusalOf } = await guard;
  const ref = uri.toString();
  const target = refTarget(uri.scheme() === 'file' || uri.scheme() === '' ? uri.path() : ref, tree);
  const refusal = refusalOf(target, tree);
  if (refusal) throw new Error(`$ref ${ref} refused: ${refusal}`);
  return readFile(target.file, 'utf8');
}

module.exports = new Resolver({
  resolvers: { http: { resolve: refuseOrRead }, https: { resolve: refuseOrRead }, file: { resolve: refuseOrRead } },
});
