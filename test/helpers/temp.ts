import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const FIXTURE_KNOWLEDGE = fileURLToPath(new URL('../fixtures/knowledge', import.meta.url));
/**
 * Channel tests walk the suggestion flow on the three-entry fixture base, whose confidences are
 * not those of the base the model was calibrated on: the suggestion threshold is fixed low there.
 */
export const CHANNEL_SUGGEST_CONFIDENCE = 0.05;

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

export async function removeDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}
