import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Occupancies per person. */
const POSTS_PER_PERSON = 1;
/**
 * Lines of schemata Factlens does not import (Address, Identification,
 * Sanction) per person: OpenSanctions' files carry many, and they are
 * skipped into the report. They make the file long without making its
 * dataset huge, which keeps the test's runtime reasonable.
 */
const OTHER_LINES_PER_PERSON = 8;
const OTHER_SCHEMATA = ['Address', 'Identification', 'Sanction'];
const POSITIONS = 50;

/** The generated person at `i`: what a test looks for after the import. */
const ftmPerson = (i: number) => ({ id: `gen-person-${i}`, name: `Generated Person ${i.toString(36)}` });

/**
 * Writes a FollowTheMoney NDJSON file of `lines` lines, as OpenSanctions
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
  while (written + 1 + POSTS_PER_PERSON + OTHER_LINES_PER_PERSON <= lines) {
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
    for (let k = 0; k < OTHER_LINES_PER_PERSON; k++) {
      const schema = OTHER_SCHEMATA[k % OTHER_SCHEMATA.length]!;
      await write({ id: `gen-${schema.toLowerCase()}-${persons}-${k}`, schema, properties: { full: [`${k} Example Street, Exampleton`], country: ['xx'] } });
    }
    persons++;
  }
  // Filled to exactly `lines` with more of the same.
  for (let k = 0; written < lines; k++) {
    await write({ id: `gen-address-tail-${k}`, schema: 'Address', properties: { full: [`${k} Example Street, Exampleton`] } });
  }
  out.end();
  await once(out, 'finish');
  return { path, persons, lines: written };
}
