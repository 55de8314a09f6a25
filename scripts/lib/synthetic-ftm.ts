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

/** The generated person at `i`. */
const ftmPerson = (i: number) => ({ id: `gen-person-${i}`, name: `Generated Person ${i.toString(36)}` });

/** How many people a file of `lines` lines holds. */
export const ftmPersons = (lines: number) => Math.max(0, Math.floor((lines - POSITIONS) / (1 + POSTS_PER_PERSON + OTHER_LINES_PER_PERSON)));

/**
 * The entities of a FollowTheMoney NDJSON file of `lines` lines, one a line,
 * as OpenSanctions publishes them: Positions first, then each Person followed
 * by its Occupancies (holder, post, startDate, endDate) and lines of schemata
 * Factlens skips; filled to exactly `lines` with more Addresses.
 */
export function* ftmEntities(lines: number): Generator<object> {
  for (let p = 0; p < POSITIONS; p++) {
    yield { id: `gen-position-${p}`, schema: 'Position', properties: { name: [`Member of Generated Council ${p}`], country: ['xx'] } };
  }
  const persons = ftmPersons(lines);
  for (let i = 0; i < persons; i++) {
    const { id, name } = ftmPerson(i);
    yield {
      id,
      schema: 'Person',
      properties: {
        name: [name],
        alias: [`G. Person ${i.toString(36)}`],
        sourceUrl: [`https://example.org/peps/${i}`],
      },
    };
    for (let k = 0; k < POSTS_PER_PERSON; k++) {
      const year = 1990 + ((i + k * 7) % 30);
      yield {
        id: `gen-occupancy-${i}-${k}`,
        schema: 'Occupancy',
        properties: {
          holder: [id],
          post: [`gen-position-${(i + k) % POSITIONS}`],
          startDate: [`${year}-0${1 + (k % 9)}`],
          ...(k === 0 ? {} : { endDate: [`${year + 4}`] }),
        },
      };
    }
    for (let k = 0; k < OTHER_LINES_PER_PERSON; k++) {
      const schema = OTHER_SCHEMATA[k % OTHER_SCHEMATA.length]!;
      yield { id: `gen-${schema.toLowerCase()}-${i}-${k}`, schema, properties: { full: [`${k} Example Street, Exampleton`], country: ['xx'] } };
    }
  }
  const written = POSITIONS + persons * (1 + POSTS_PER_PERSON + OTHER_LINES_PER_PERSON);
  for (let k = 0; k < lines - written; k++) {
    yield { id: `gen-address-tail-${k}`, schema: 'Address', properties: { full: [`${k} Example Street, Exampleton`] } };
  }
}
