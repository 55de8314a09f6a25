import { useCallback, useEffect, useState } from 'preact/hooks';
import type { DatasetInfo } from '../../src/messages/protocol';
import { request } from '../../utils/messaging';
import { errorMessage } from '../../utils/request-error';
import { useBroadcast } from '../../utils/use-broadcasts';
import { exportDataset } from './export-file';
import { countOf, formatCount } from './import-file';
import { ImportDataset } from './ImportDataset';

type Notice = { kind: 'status' | 'error'; message: string } | null;

export function DatasetsSection() {
  const [datasets, setDatasets] = useState<DatasetInfo[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<Notice>(null);
  const [exporting, setExporting] = useState<ReadonlySet<string>>(new Set());

  const load = useCallback(() => {
    request({ type: 'listDatasets' }).then(
      (list) => {
        setDatasets(list);
        setError(null);
      },
      (e: unknown) => setError(`Could not load the datasets: ${errorMessage(e)}`),
    );
  }, []);
  useEffect(load, [load]);
  useBroadcast('datasetsChanged', load);

  const replace = (info: DatasetInfo) => setDatasets((list) => list && list.map((d) => (d.id === info.id ? info : d)));

  async function setEnabled(dataset: DatasetInfo, enabled: boolean) {
    setNotice(null);
    replace({ ...dataset, enabled });
    try {
      replace(await request({ type: 'setDatasetEnabled', id: dataset.id, enabled }));
    } catch (e) {
      replace(dataset);
      setNotice({ kind: 'error', message: `Could not ${enabled ? 'turn on' : 'turn off'} ${dataset.name}: ${errorMessage(e)}` });
    }
  }

  async function remove(dataset: DatasetInfo) {
    const question = `Remove the dataset "${dataset.name}"? Its ${countOf(dataset.entityCount, 'entity', 'entities')} and ${countOf(
      dataset.sourceCount,
      'source',
      'sources',
    )} are deleted from Factlens.`;
    if (!globalThis.confirm(question)) return;
    setNotice(null);
    try {
      await request({ type: 'removeDataset', id: dataset.id });
      setNotice({ kind: 'status', message: `Removed ${dataset.name}` });
      load();
    } catch (e) {
      setNotice({ kind: 'error', message: `Could not remove ${dataset.name}: ${errorMessage(e)}` });
    }
  }

  async function download(dataset: DatasetInfo) {
    setNotice({ kind: 'status', message: `Exporting ${dataset.name}…` });
    setExporting((s) => new Set(s).add(dataset.id));
    try {
      const fileName = await exportDataset(dataset.id, request);
      setNotice({ kind: 'status', message: `Exported ${dataset.name} as ${fileName}` });
    } catch (e) {
      setNotice({ kind: 'error', message: `Could not export ${dataset.name}: ${errorMessage(e)}` });
    } finally {
      setExporting((s) => {
        const next = new Set(s);
        next.delete(dataset.id);
        return next;
      });
    }
  }

  return (
    <section aria-labelledby="datasets-heading" data-testid="datasets-section">
      <h2 id="datasets-heading">Datasets</h2>
      <p class="hint">Names from every enabled dataset are highlighted. Turning a dataset off keeps it stored.</p>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {datasets === null && !error && <p>Loading…</p>}
      {datasets && (
        <div class="table-wrap">
          <table data-testid="datasets">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Version</th>
                <th scope="col" class="num">
                  Entities
                </th>
                <th scope="col" class="num">
                  Sources
                </th>
                <th scope="col">Enabled</th>
                <th scope="col">
                  <span class="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {datasets.map((d) => (
                <tr key={d.id} data-dataset={d.id} data-entities={d.entityCount}>
                  <td>
                    <span class="dataset-name">{d.name}</span>
                    {d.bundled && ' (bundled)'}
                    {d.description && <span class="dataset-desc">{d.description}</span>}
                  </td>
                  <td class="version">{d.version}</td>
                  <td class="num">{formatCount(d.entityCount)}</td>
                  <td class="num">{formatCount(d.sourceCount)}</td>
                  <td>
                    <input
                      type="checkbox"
                      class="switch"
                      data-testid="dataset-enabled"
                      checked={d.enabled}
                      aria-label={`Enable ${d.name}`}
                      onChange={(e) => void setEnabled(d, e.currentTarget.checked)}
                    />
                  </td>
                  <td class="actions">
                    <button
                      type="button"
                      data-testid="dataset-export"
                      disabled={exporting.has(d.id)}
                      aria-label={`Export ${d.name}`}
                      onClick={() => void download(d)}
                    >
                      Export
                    </button>
                    {!d.bundled && (
                      <button type="button" data-testid="dataset-remove" aria-label={`Remove ${d.name}`} onClick={() => void remove(d)}>
                        Remove
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {notice?.kind === 'status' && (
        <p class="status" role="status" data-testid="datasets-status">
          {notice.message}
        </p>
      )}
      {notice?.kind === 'error' && (
        <p class="error" role="alert" data-testid="datasets-error">
          {notice.message}
        </p>
      )}
      <ImportDataset onImported={load} />
    </section>
  );
}
