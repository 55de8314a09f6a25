import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Occupancies per person: a politically exposed person usually held several posts. */
const POSTS_PER_PERSON = 4;
const POSITIONS = 50;

/** The generated person at `i`: what a test looks for after the import. */
export const ftmPerson = (i: number) => ({ id: `gen-person-${i}`, name: `Generated Person ${i.toString(36)}` });

/**
 * Writes a FollowTheMoney NDJSON file of about `lines` lines, as OpenSanctions
 * publishes them: Positions first, then each Person followed by its
 * Occupancies (holder, post, startDate, endDate). It goes to the system's
 * temporary directory, never into the repository, and is made at test time.
 */
export async function writeFtmFile(lines: number): Promise<{ path: string; persons: number; lines: number }> {
  const dir = await mkdtemp(join(tmpdir(), 'factlens-ftm-'));
  const path = join(dir, 'generated-peps.ndjson');
  const out = createWriteStream(path);
  let written = 0;
  const write = async (entity: object) => {
    written++;
    if (!out.write(`${JSON.stringify(entity)}\n`)) await once(out, 'drain');
  };
  for (let p = 0; p < POSITIONS; p++) {
    await write({ id: `gen-position-${p}`, schema: 'Position', properties: { name: [`Member of Generated Council ${p}`], country: ['xx'] } });
  }
  let persons = 0;
  while (written + 1 + POSTS_PER_PERSON <= lines) {
    const { id, name } = ftmPerson(persons);
    await write({
      id,
      schema: 'Person',
      properties: {
        name: [name],
        alias: [`G. Person ${persons.toString(36)}`],
        sourceUrl: [`https://example.org/peps/${persons}`],
      },
    });
    for (let k = 0; k < POSTS_PER_PERSON; k++) {
      const year = 1990 + ((persons + k * 7) % 30);
      await write({
        id: `gen-occupancy-${persons}-${k}`,
        schema: 'Occupancy',
        properties: {
          holder: [id],
          post: [`gen-position-${(persons + k) % POSITIONS}`],
          startDate: [`${year}-0${1 + (k % 9)}`],
          ...(k === 0 ? {} : { endDate: [`${year + 4}`] }),
        },
      });
    }
    persons++;
  }
  out.end();
  await once(out, 'finish');
  return { path, persons, lines: written };
}
