/**
 * A brain built from one version of the knowledge: the folders (or a published version's
 * files, written out first), read as a snapshot for their content hash, then built. What
 * a reload runs, on the serving thread or in the build worker.
 */
import type { KnowledgeProblem } from '../knowledge/types.js';
import { readSnapshot, snapshotHash, writeSnapshot } from '../knowledge/versions/snapshot.js';
import { buildBrain, type Brain, type BrainOptions } from './brain.js';
import type { KnowledgeSource, PublishedSource } from './engine.js';

export interface BuiltVersion {
  brain?: Brain;
  problems: KnowledgeProblem[];
  hash: string;
  files: Map<string, string>;
}

export function buildVersion(source: KnowledgeSource | PublishedSource, options?: BrainOptions): BuiltVersion {
  let folders: KnowledgeSource;
  if ('files' in source) {
    const given = snapshotHash(source.files);
    if (source.expectHash && given !== source.expectHash) {
      return { problems: [{ severity: 'error', file: '(published version)', message: `内容与版本号不符（${given.slice(0, 12)} ≠ ${source.expectHash.slice(0, 12)}）` }], hash: given, files: new Map(source.files) };
    }
    folders = writeSnapshot(source.files, source.dir);
  } else folders = source;
  const files = readSnapshot(folders.knowledgeDir, folders.intentsDir);
  const { brain, problems } = buildBrain(folders.knowledgeDir, folders.intentsDir, options);
  return { brain, problems, hash: snapshotHash(files), files };
}
