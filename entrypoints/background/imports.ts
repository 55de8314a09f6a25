import { ProblemError } from '../../src/dataset/problem';
import type { Entity, Source } from '../../src/dataset/schema';
import { BUNDLED_ID, PROBLEMS_SHOWN } from '../../src/limits';
import type { DatasetInfo } from '../../src/messages/protocol';
import { newGeneration, sourceRow } from './dataset-records';
import { datasetInfo, deleteGeneration, isPrivate } from './datasets';
import type { FactlensDb, ImportRecord } from './db';
import { entityGenerations, idIndexKind, writeEntities } from './entity-blocks';
import { createNameList } from './name-lists';


/**
 * What an import has written so far, kept in memory to check the references
 * that span chunks. If the worker stops mid-import this is lost, and the
 * import can only be abandoned: its rows were never visible.
 */
interface Progress {
  entityIds: Set<string>;
  sourceIds: Set<string>;
  /**
   * Organizations referred to by roles before their own entity came, checked
   * at commit. Cited sources are checked as they come, since a source is sent
   * before the entities citing it, so they are never kept.
   */
  awaitedOrganizations: Set<string>;
  names: ReturnType<typeof createNameList>;
}

export function createImports({ db }: { db: FactlensDb }) {
  const running = new Map<string, Progress>();

  async function record(importId: string): Promise<ImportRecord> {
    const found = await db.imports.get(importId);
    if (!found || !running.has(importId)) {
      throw new ProblemError('problemImportInterrupted');
    }
    return found;
  }

  return {
    async begin({ dataset }: { dataset: ImportRecord['dataset'] }): Promise<{ importId: string }> {
      if (dataset.id === BUNDLED_ID) throw new ProblemError('problemBundledIdTaken', BUNDLED_ID);
      const importId = crypto.randomUUID();
      const gen = newGeneration(dataset.id);
      await db.imports.add({
        id: importId,
        gen,
        dataset,
        entityCount: 0,
        sourceCount: 0,
        startedAt: Date.now(),
      });
      running.set(importId, {
        entityIds: new Set(),
        sourceIds: new Set(),
        awaitedOrganizations: new Set(),
        names: createNameList(gen),
      });
      return { importId };
    },

    async chunk({ importId, sources, entities }: { importId: string; sources: Source[]; entities: Entity[] }): Promise<{ written: number }> {
      const imp = await record(importId);
      const progress = running.get(importId)!;
      for (const s of sources) {
        if (progress.sourceIds.has(s.id)) throw new ProblemError('problemDuplicateSourceId', s.id);
        progress.sourceIds.add(s.id);
      }
      const cite = (source: string) => {
        if (!progress.sourceIds.has(source)) throw new ProblemError('problemUnknownSource', source);
      };
      for (const e of entities) {
        if (progress.entityIds.has(e.id)) throw new ProblemError('problemDuplicateEntityId', e.id);
        progress.entityIds.add(e.id);
        progress.awaitedOrganizations.delete(e.id);
        for (const r of e.roles) {
          if (r.organization && !progress.entityIds.has(r.organization)) progress.awaitedOrganizations.add(r.organization);
          r.evidence.forEach((ev) => cite(ev.source));
        }
        e.mentions.forEach((m) => cite(m.source));
      }
      const dataset = imp.dataset.id;
      await db.transaction('rw', db.entityBlocks, db.sourceRows, db.imports, async () => {
        await db.sourceRows.bulkAdd(sources.map((source, i) => sourceRow({ source, dataset, gen: imp.gen, seq: imp.sourceCount + i })));
        await writeEntities({ db, gen: imp.gen, dataset, firstSeq: imp.entityCount, entities });
        await db.imports.update(importId, {
          entityCount: imp.entityCount + entities.length,
          sourceCount: imp.sourceCount + sources.length,
        });
      });
      progress.names.add(entities);
      return { written: imp.entityCount + entities.length };
    },

    /** Makes the import visible in one transaction, then frees the generation it replaced. */
    async commit({ importId }: { importId: string }): Promise<DatasetInfo> {
      const imp = await record(importId);
      const progress = running.get(importId)!;
      const [unknownOrg] = progress.awaitedOrganizations;
      if (unknownOrg !== undefined) throw new ProblemError('problemUnknownOrganization', unknownOrg);
      const never = progress.names.neverMatchable();
      if (never.length > 0) {
        const listed = never.slice(0, PROBLEMS_SHOWN).map((id) => `"${id}"`).join(', ');
        throw new ProblemError('problemNeverHighlightedMany', never.length, `${listed}${never.length > PROBLEMS_SHOWN ? ', …' : ''}`);
      }

      const { info, replaced } = await db.transaction('rw', [db.datasets, db.imports, db.nameLists], async () => {
        const existing = await db.datasets.get(imp.dataset.id);
        if (existing?.bundled) throw new ProblemError('problemBundledIdTaken', imp.dataset.id);
        const stored = {
          ...imp.dataset,
          ...(imp.dataset.description === undefined ? {} : { description: imp.dataset.description }),
          bundled: false,
          enabled: existing?.enabled ?? true,
          // A new import is private until the reader says otherwise; a new version keeps the setting.
          private: existing ? isPrivate(existing) : true,
          entityCount: imp.entityCount,
          sourceCount: imp.sourceCount,
          updatedAt: Date.now(),
          generation: imp.gen,
        };
        await db.nameLists.put(progress.names.record());
        await db.datasets.put(stored);
        await db.imports.delete(importId);
        return { info: datasetInfo(stored), replaced: existing?.generation };
      });
      running.delete(importId);
      if (replaced) await deleteGeneration({ db, gen: replaced });
      return info;
    },

    async abort({ importId }: { importId: string }): Promise<void> {
      running.delete(importId);
      const imp = await db.imports.get(importId);
      if (!imp) return;
      await db.imports.delete(importId);
      await deleteGeneration({ db, gen: imp.gen });
    },
  };
}

/**
 * At start: imports that a stopped worker left behind can never finish, so
 * their rows go; so do rows of generations that a commit or removal replaced
 * but did not get to delete.
 */
export async function cleanUpStore({ db }: { db: FactlensDb }): Promise<void> {
  for (const imp of await db.imports.toArray()) {
    await db.imports.delete(imp.id);
    await deleteGeneration({ db, gen: imp.gen });
  }
  const live = new Set((await db.datasets.toArray()).map((d) => d.generation));
  const gens = new Set([
    ...(await entityGenerations({ db })),
    ...(await db.sourceRows.orderBy('gen').uniqueKeys()),
    ...(await db.nameLists.toCollection().primaryKeys()),
  ]);
  for (const gen of gens) if (!live.has(String(gen))) await deleteGeneration({ db, gen: String(gen) });
  // An id index whose generation went while the worker was stopping.
  const indexes = await db.caches.where('name').startsWith(idIndexKind('')).primaryKeys();
  const kept = [...live].map((gen) => `${idIndexKind(gen)}:`);
  for (const name of indexes) if (!kept.some((prefix) => name.startsWith(prefix))) await db.caches.delete(name);
}
