import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { TargetGroupsResponse } from '@target-groups/types';

const specDir = path.dirname(createRequire(import.meta.url).resolve('@target-groups/spec/package.json'));
export const seedDir = path.join(specDir, 'fixtures/seed');

export interface SeedBody {
  file: string;
  text: string;
  body: TargetGroupsResponse;
}

/** Every real response body of the vendor's page, as stored beside the spec. */
export function seedBodies(): SeedBody[] {
  return readdirSync(seedDir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => {
      const text = readFileSync(path.join(seedDir, file), 'utf8');
      return { file, text, body: JSON.parse(text) as TargetGroupsResponse };
    });
}
