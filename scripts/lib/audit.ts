import { jsonPath } from '../../src/dataset/problem';
import type { Dataset, Entity, EntityType } from '../../src/dataset/schema';
import type { CuratedEntity } from './curated-schema';

/** A wrong fact in data/, at a JSON path. Said in English only: data/'s authors read it, not the extension's readers. */
export interface AuditProblem {
  path: string;
  message: string;
}

/**
 * The bundled data's own audit: classes of wrong fact that an audit of the
 * articles found, each caught where a rule can see it. They hold data/ to
 * what the articles say; an imported dataset is not held to them.
 *
 * `curated[i]` is the hand-edited form of `dataset.entities[i]`, which still
 * carries the fields only data/ has (`about`, `noOrganization`, `typeNote`).
 */
export function auditDataset({ dataset, curated }: { dataset: Dataset; curated: readonly CuratedEntity[] }): AuditProblem[] {
  const problems: AuditProblem[] = [];
  const byId = new Map(dataset.entities.map((e) => [e.id, e]));
  dataset.entities.forEach((entity, e) => {
    const at = ['entities', e];
    const own = curated[e]!;
    if (own.typeNote === undefined) checkType(entity, at, problems);
    checkDescriptionYears(entity, dataset, at, problems);
    entity.roles.forEach((role, r) => {
      const noOrganization = own.roles[r]?.noOrganization;
      if (role.organization === undefined && noOrganization === undefined) {
        problems.push({
          path: jsonPath([...at, 'roles', r, 'organization']),
          message: 'names no organization; name the body the text gives, or say why there is none with "noOrganization"',
        });
      } else if (role.organization !== undefined && noOrganization !== undefined) {
        problems.push({ path: jsonPath([...at, 'roles', r, 'noOrganization']), message: 'the role names an organization' });
      }
      role.evidence.forEach((ev, q) => {
        const about = own.roles[r]?.evidence[q]?.about;
        const where = [...at, 'roles', r, 'evidence', q];
        if (about === undefined) {
          if (!names(entity, ev)) {
            problems.push({
              path: jsonPath([...where, 'quote']),
              message: `does not name "${entity.id}" by any of its aliases; quote the text that does, or say with "about" which entity the quote names instead`,
            });
          }
          return;
        }
        const other = byId.get(about);
        if (other === undefined) problems.push({ path: jsonPath([...where, 'about']), message: `unknown entity "${about}"` });
        else if (!names(other, ev)) {
          problems.push({ path: jsonPath([...where, 'quote']), message: `does not name "${about}" by any of its aliases` });
        }
      });
    });
  });
  return problems;
}

/**
 * Whether one of the entity's derived mentions (the overlay's own matching)
 * lies inside the quote. A reference has no text to name anyone in, so its
 * citation passes.
 */
function names(entity: Entity, ev: { source: string; start?: number; end?: number }): boolean {
  const { start, end } = ev;
  if (start === undefined || end === undefined) return true;
  return entity.mentions.some((m) => m.source === ev.source && m.start >= start && m.end <= end);
}

const YEAR = /(?<!\d)(1[89]\d\d|20\d\d)(?!\d)/g;

/**
 * A year in a description must be written in an article the entity is cited
 * or named in: a year worked out from context ("in December 2022" where the
 * text says "on December 7") belongs in an inferred role date, not in prose.
 */
function checkDescriptionYears(entity: Entity, dataset: Dataset, at: readonly (string | number)[], problems: AuditProblem[]): void {
  const own = new Set([...entity.mentions.map((m) => m.source), ...entity.roles.flatMap((r) => r.evidence.map((ev) => ev.source))]);
  const stated = new Set(dataset.sources.filter((s) => own.has(s.id)).flatMap((s) => [...(s.text ?? '').matchAll(YEAR)].map((m) => m[1])));
  for (const [, year] of (entity.description ?? '').matchAll(YEAR)) {
    if (!stated.has(year)) {
      problems.push({
        path: jsonPath([...at, 'description']),
        message: `says ${year}, which no article citing or naming "${entity.id}" states; say what the text says`,
      });
    }
  }
}

/** The last word of a name that says what kind of thing it is. */
const KIND_WORDS: Readonly<Record<string, EntityType>> = {
  building: 'place',
  city: 'place',
  delta: 'place',
  garden: 'place',
  park: 'place',
  road: 'place',
  zone: 'place',
  conference: 'event',
  festival: 'event',
  forum: 'event',
  summit: 'event',
};

function checkType(entity: Entity, at: readonly (string | number)[], problems: AuditProblem[]): void {
  const last = /([A-Za-z]+)\W*$/.exec(entity.name)?.[1]?.toLowerCase();
  const expected = last === undefined ? undefined : KIND_WORDS[last];
  if (expected !== undefined && expected !== entity.type) {
    problems.push({ path: jsonPath([...at, 'type']), message: `"${entity.name}" names ${article(expected)}, not ${article(entity.type)}; fix the type, or say why with "typeNote"` });
  }
}

function article(type: EntityType): string {
  return `${/^[aeiou]/.test(type) ? 'an' : 'a'} ${type}`;
}
