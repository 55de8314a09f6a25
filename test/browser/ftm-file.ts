import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ftmEntities, ftmPersons } from '../../scripts/lib/synthetic-ftm';

/**
 * Writes a generated FollowTheMoney NDJSON file of `lines` lines
 * (scripts/lib/synthetic-ftm.ts) to the system's temporary directory, never
 * into the repository, at test time.
 */
export async function writeFtmFile(lines: number): Promise<{ path: string; persons: number; lines: number; bytes: number }> {
  const dir = await mkdtemp(join(tmpdir(), 'factlens-ftm-'));
  const path = join(dir, 'generated-peps.ndjson');
  const out = createWriteStream(path);
  for (const entity of ftmEntities(lines)) {
    if (!out.write(`${JSON.stringify(entity)}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return { path, persons: ftmPersons(lines), lines, bytes: out.bytesWritten };
}
