// The hosted workflows (actionlint checks them in `pnpm lint`): every action is pinned to a commit, the release
// publishes with provenance, and Pages gets the folder the site script writes.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const workflowsDir = join(repoRoot, '.github/workflows');
const files = readdirSync(workflowsDir).filter((f) => /\.ya?ml$/.test(f));
const text = (name: string) => readFileSync(join(workflowsDir, name), 'utf8');
type Workflow = { jobs: Record<string, { steps?: Array<Record<string, any>>; permissions?: Record<string, string> }> };
const workflow = (name: string) => parse(text(name)) as Workflow;

describe('the workflows', () => {
  it('pin every action to a full commit', () => {
    const uses = files.flatMap((f) =>
      Object.values(workflow(f).jobs).flatMap((job) => (job.steps ?? []).map((s) => s.uses).filter(Boolean)),
    );
    expect(uses.length).toBeGreaterThan(4);
    for (const ref of uses) expect(ref, ref).toMatch(/^[\w.-]+\/[\w.-]+@[0-9a-f]{40}$/);
  });

  it('CI runs .ci/run', () => {
    const steps = workflow('ci.yml').jobs.test?.steps ?? [];
    expect(steps.map((s) => s.run)).toContain('bash .ci/run');
  });

  it('the release publishes with npm provenance and deploys the site folder to Pages', () => {
    const { jobs } = workflow('release.yml');
    expect(jobs.release?.permissions?.['id-token']).toBe('write');
    const publish = jobs.release?.steps?.find((s) => String(s.uses).startsWith('changesets/action@'));
    expect(publish?.env?.NPM_CONFIG_PROVENANCE).toBe(true);
    const site = jobs['docs-site']?.steps ?? [];
    expect(site.map((s) => s.run)).toContain('pnpm --filter @target-groups/docs site');
    expect(site.find((s) => String(s.uses).startsWith('actions/upload-pages-artifact@'))?.with?.path).toBe(
      'apps/docs/site',
    );
    expect(jobs['deploy-pages']?.permissions).toEqual({ pages: 'write', 'id-token': 'write' });
    expect(jobs['deploy-pages']?.steps?.some((s) => String(s.uses).startsWith('actions/deploy-pages@'))).toBe(true);
  });
});
