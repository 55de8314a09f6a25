import { useId, useState } from 'preact/hooks';
import { Switch } from '../../components/Switch';
import { describeVersion } from '../../src/dataset/version';
import type { DatasetInfo } from '../../src/messages/protocol';
import { request } from '../../utils/messaging';
import { errorMessage } from '../../utils/request-error';
import { useBroadcast } from '../../utils/use-broadcasts';
import { useRequest } from '../../utils/use-request';
import { exportDataset } from './export-file';
import { countOf, formatCount } from './import-file';
import { ImportDataset } from './ImportDataset';

type Notice = { kind: 'status' | 'error'; message: string } | null;

export function DatasetsSection() {
  const list = useRequest(() => request({ type: 'listDatasets' }), []);
  const [notice, setNotice] = useState<Notice>(null);
  const [exporting, setExporting] = useState<ReadonlySet<string>>(new Set());
  const headingId = useId();
  const privateHintId = useId();
  const load = list.reload;
  useBroadcast('datasetsChanged', load);
  const datasets = list.status === 'ready' ? list.value : null;

  /** Shows a switch's new state at once, and takes it back if the background refuses. */
  async function change(dataset: DatasetInfo, next: Partial<DatasetInfo>, send: () => Promise<DatasetInfo>, failure: string) {
    if (!datasets) return;
    setNotice(null);
    const replace = (info: DatasetInfo) => datasets.map((d) => (d.id === info.id ? info : d));
    try {
      await list.change(replace({ ...dataset, ...next }), async () => replace(await send()));
    } catch (e) {
      setNotice({ kind: 'error', message: `Could not ${failure}: ${errorMessage(e)}` });
    }
  }

  const setEnabled = (dataset: DatasetInfo, enabled: boolean) =>
    change(dataset, { enabled }, () => request({ type: 'setDatasetEnabled', id: dataset.id, enabled }), `${enabled ? 'turn on' : 'turn off'} ${dataset.name}`);

  const setPrivate = (dataset: DatasetInfo, hidden: boolean) =>
    change(
      dataset,
      { private: hidden },
      () => request({ type: 'setDatasetPrivate', id: dataset.id, private: hidden }),
      `make ${dataset.name} ${hidden ? 'private' : 'public'}`,
    );

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
    <section aria-labelledby={headingId} data-testid="datasets-section">
      <h2 id={headingId}>Datasets</h2>
      <p class="hint">Names from every enabled dataset are highlighted. Turning a dataset off keeps it stored.</p>
      <p class="hint" data-testid="datasets-not-synced">
        Datasets stay in this browser: they are not synced to your other devices, as your sites and appearance settings are. Export one to
        take it elsewhere.
      </p>
      <p class="hint" id={privateHintId}>
        A private dataset's names are marked where web pages cannot read them, so a page cannot find out which names you keep.
      </p>
      {list.status === 'error' && (
        <p class="error" role="alert">
          Could not load the datasets: {list.error}
        </p>
      )}
      {list.status === 'loading' && <p>Loading…</p>}
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
                <th scope="col">Private</th>
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
                  <td class="version">
                    <VersionLabel version={d.version} />
                  </td>
                  <td class="num">{formatCount(d.entityCount)}</td>
                  <td class="num">{formatCount(d.sourceCount)}</td>
                  <td>
                    <Switch
                      testId="dataset-enabled"
                      label={`Enable ${d.name}`}
                      hideLabel
                      checked={d.enabled}
                      onChange={(enabled) => void setEnabled(d, enabled)}
                    />
                  </td>
                  <td>
                    <Switch
                      testId="dataset-private"
                      label={`Keep ${d.name} private`}
                      hideLabel
                      describedBy={privateHintId}
                      checked={d.private}
                      onChange={(hidden) => void setPrivate(d, hidden)}
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

/** A bundled version as the date its data was updated, the rest in a tooltip; any other version as it is. */
function VersionLabel({ version }: { version: string }) {
  const { label, date, title } = describeVersion(version);
  return date ? (
    <time dateTime={date} title={title}>
      {label}
    </time>
  ) : (
    <span title={title}>{label}</span>
  );
}
