import { problem as problemText, type ProblemCode, type ProblemParam } from '../dataset/problem';
import { aliasSchema, entitySchema, sourceSchema, type Alias, type Entity, type EntityType, type Role, type Source } from '../dataset/schema';
import { issueProblems } from '../dataset/zod-problem';
import { foldText } from '../text/fold';
import { createHashTable, hash53 } from './hash-table';
import { ConvertError, emptyBatch, type ConvertBatch, type ConvertSummary } from './types';

/** A source as a converter finds it; its id is made from its content, so the same reference is one source. */
export type SourceDraft = Omit<Source, 'id'>;

export interface RoleDraft extends Omit<Role, 'evidence'> {
  /** What the role cites: at least one, or the role is dropped with a problem. */
  sources: SourceDraft[];
}

export interface EntityDraft {
  id: string;
  name: string | undefined;
  type: EntityType;
  description?: string | undefined;
  /** Names to match; the name is added first. Ones that cannot be matched or shown are left out. */
  aliases: Alias[];
  roles: RoleDraft[];
  sameAs?: string[];
}

/** A dataset id from any identifier: lowercase letters, digits and hyphens. */
export function slug(text: string): string {
  const folded = text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return folded.slice(0, 150).replace(/-+$/, '') || 'x';
}

/** "www.example.org/path": a readable title for a link that has none. */
export function urlTitle(url: string): string {
  try {
    const { hostname, pathname } = new URL(url);
    return (hostname + (pathname === '/' ? '' : pathname)).slice(0, 500);
  } catch {
    return url.slice(0, 500);
  }
}

/**
 * Turns drafts into valid version 2 entities and sources, one at a time, and
 * keeps only what the rules across entities need: the ids written and the
 * owner of each alias. A non-contextual alias another entity already owns
 * becomes contextual here, as validateDataset would otherwise refuse the file.
 *
 * Ids and aliases are kept as 53-bit hashes in typed arrays (hash-table.ts),
 * a few dozen bytes an entity rather than its strings; a collision, about one chance
 * in 10^4 at a million, would skip an entity as a duplicate or make an alias
 * contextual, never write an invalid file.
 */
export function createOutput() {
  const entityIds = createHashTable();
  const sourceIds = createHashTable();
  const aliasOwners = createHashTable();
  let batch = emptyBatch();
  let skipped = 0;
  let drafts = 0;

  /** One thing not converted, at `line`; `skip` counts it as a skipped entity, row or relation. */
  function problem(line: number | undefined, skip: boolean, code: ProblemCode, ...params: ProblemParam[]): void {
    if (skip) skipped++;
    const said = problemText(code, ...params);
    batch.problems.push(line === undefined ? said : { line, ...said });
  }

  function addSource(draft: SourceDraft): string | null {
    const key = hash53(`${draft.url ?? ''}\n${draft.title}`);
    const id = `src-${key.toString(36)}`;
    if (sourceIds.has(key)) return id;
    const parsed = sourceSchema.safeParse({ id, ...draft });
    if (!parsed.success) return null;
    sourceIds.set(key);
    batch.sources.push(parsed.data);
    return id;
  }

  function aliasesOf(draft: EntityDraft & { name: string }): Alias[] {
    const seen = new Set<string>();
    const aliases: Alias[] = [];
    const name = draft.name.trim();
    // The name first, with its language when an alias gives one.
    const isName = (a: Alias) => a.text.trim() === name && !a.contextual;
    for (const alias of [...draft.aliases.filter(isName), { text: name }, ...draft.aliases.filter((a) => !isName(a))]) {
      const text = alias.text.trim();
      const key = `${alias.contextual ? 'c' : ''}${text}`;
      if (seen.has(key) || seen.has(text)) continue;
      const parsed = aliasSchema.safeParse({ ...alias, text });
      if (!parsed.success) continue;
      seen.add(key);
      aliases.push(parsed.data);
    }
    // Owners are told apart by the draft's number, which fits the table's 32-bit values exactly.
    const self = ++drafts;
    for (const alias of aliases) {
      if (alias.contextual) continue;
      const folded = hash53(foldText(alias.text));
      const owner = aliasOwners.get(folded);
      if (owner === undefined) aliasOwners.set(folded, self);
      else if (owner !== self) alias.contextual = true;
    }
    return aliases;
  }

  function rolesOf(draft: EntityDraft, line: number | undefined): Role[] {
    const roles: Role[] = [];
    for (const { sources, ...role } of draft.roles) {
      const evidence = sources.flatMap((s) => {
        const id = addSource(s);
        return id === null ? [] : [{ source: id }];
      });
      if (evidence.length === 0) {
        problem(line, false, 'problemRoleNoSource', draft.name ?? draft.id, role.title);
        continue;
      }
      roles.push({ ...role, evidence });
    }
    return roles;
  }

  return {
    problem,
    /** Whether an entity with this id was written. */
    has: (id: string) => entityIds.has(hash53(id)),
    /** Writes one entity; false, with a problem, when it cannot be converted. */
    addEntity(draft: EntityDraft, line?: number): boolean {
      const { name } = draft;
      if (name === undefined || name.trim() === '') {
        problem(line, true, 'problemEntityNoName', draft.id);
        return false;
      }
      if (entityIds.has(hash53(draft.id))) {
        problem(line, true, 'problemEntityIdTaken', name, draft.id);
        return false;
      }
      const aliases = aliasesOf({ ...draft, name });
      // A contextual alias counts only beside a full one of the same entity: without any, nothing would ever be highlighted.
      if (!aliases.some((a) => !a.contextual)) {
        problem(line, true, 'problemEntityNoFullName', name);
        return false;
      }
      const entity: Entity = {
        id: draft.id,
        name: name.trim(),
        type: draft.type,
        ...(draft.description ? { description: draft.description } : {}),
        aliases,
        roles: rolesOf(draft, line),
        mentions: [],
        ...(draft.sameAs && draft.sameAs.length > 0 ? { sameAs: [...new Set(draft.sameAs)] } : {}),
      };
      const parsed = entitySchema.safeParse(entity, { reportInput: true });
      if (!parsed.success) {
        const [first] = issueProblems(parsed.error);
        problem(line, true, 'problemEntityInvalid', name, first!.path, { code: first!.code, params: first!.params });
        return false;
      }
      entityIds.set(hash53(draft.id));
      batch.entities.push(parsed.data);
      return true;
    },
    take(): ConvertBatch {
      const taken = batch;
      batch = emptyBatch();
      return taken;
    },
    summary(unlabelled: string[] = []): ConvertSummary {
      if (entityIds.size === 0) throw skipped > 0 ? new ConvertError('problemNothingConvertedSkipped', skipped) : new ConvertError('problemNothingConverted');
      return { entities: entityIds.size, sources: sourceIds.size, skipped, unlabelled };
    },
  };
}

export type Output = ReturnType<typeof createOutput>;
