import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { afterEach } from 'vitest';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const FIXTURE_KNOWLEDGE = fileURLToPath(new URL('../fixtures/knowledge', import.meta.url));
/**
 * Channel tests walk the answer, suggestion and ticket flows on the three-entry fixture base,
 * whose confidences are not those of the base the model was calibrated on: both thresholds are
 * fixed there, with wide margins, so a recalibration does not move a test question across one.
 */
export const CHANNEL_ANSWER_CONFIDENCE = 0.9;
export const CHANNEL_SUGGEST_CONFIDENCE = 0.1;
export const CHANNEL_THRESHOLDS = { answer: CHANNEL_ANSWER_CONFIDENCE, suggest: CHANNEL_SUGGEST_CONFIDENCE };

export const BUNDLED_KNOWLEDGE = fileURLToPath(new URL('../../knowledge', import.meta.url));

/** A throw-away directory; remove it with the returned cleanup. */
export async function tempDir(prefix = 'congvu-'): Promise<string> {
  return mkdtemp(path.join(tmpdir(), prefix));
}

/** A private copy of the fixture knowledge base, safe to edit and reload. */
export async function copyOfFixtureKnowledge(): Promise<string> {
  const dir = await tempDir('congvu-kb-');
  await cp(FIXTURE_KNOWLEDGE, dir, { recursive: true });
  return dir;
}

/** A private copy of the fixture knowledge base with some files added or replaced (paths inside it). */
export async function fixtureKnowledgeWith(files: Record<string, string>): Promise<string> {
  const dir = await copyOfFixtureKnowledge();
  for (const [name, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), content);
  }
  return dir;
}

export async function removeDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

/**
 * For a test file: `kb()` gives a fresh private copy of the fixture knowledge base and
 * `scratch()` an empty directory, both removed after each test.
 */
export function perTestDirs(): { kb: () => Promise<string>; scratch: (prefix?: string) => Promise<string> } {
  const dirs: string[] = [];
  afterEach(async () => {
    await Promise.all(dirs.splice(0).map(removeDir));
  });
  const track = (dir: string) => (dirs.push(dir), dir);
  return {
    kb: async () => track(await copyOfFixtureKnowledge()),
    scratch: async (prefix = 'congvu-') => track(await tempDir(prefix)),
  };
}
