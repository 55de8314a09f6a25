import { useId, useState } from 'preact/hooks';
import { Switch } from '../../components/Switch';
import { describeVersion } from '../../src/dataset/version';
import type { DatasetInfo } from '../../src/messages/protocol';
import { formatNumber, plural, t, versionWords, type MessageKey } from '../../utils/i18n';
import { request } from '../../utils/messaging';
import { errorMessage } from '../../utils/request-error';
import { useBroadcast } from '../../utils/use-broadcasts';
import { useRequest } from '../../utils/use-request';
import { exportDataset } from './export-file';
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
  async function change(dataset: DatasetInfo, next: Partial<DatasetInfo>, send: () => Promise<DatasetInfo>, failure: MessageKey) {
    if (!datasets) return;
    setNotice(null);
    const replace = (info: DatasetInfo) => datasets.map((d) => (d.id === info.id ? info : d));
    try {
      await list.change(replace({ ...dataset, ...next }), async () => replace(await send()));
    } catch (e) {
      setNotice({ kind: 'error', message: t(failure, dataset.name, errorMessage(e)) });
    }
  }

  const setEnabled = (dataset: DatasetInfo, enabled: boolean) =>
    change(dataset, { enabled }, () => request({ type: 'setDatasetEnabled', id: dataset.id, enabled }), enabled ? 'datasetTurnOnError' : 'datasetTurnOffError');

  const setPrivate = (dataset: DatasetInfo, hidden: boolean) =>
    change(
      dataset,
      { private: hidden },
      () => request({ type: 'setDatasetPrivate', id: dataset.id, private: hidden }),
      hidden ? 'datasetMakePrivateError' : 'datasetMakePublicError',
    );

  async function remove(dataset: DatasetInfo) {
    const question = t(
      'datasetRemoveConfirm',
      dataset.name,
      plural(dataset.entityCount, 'countEntitiesOne', 'countEntitiesOther'),
      plural(dataset.sourceCount, 'countSourcesOne', 'countSourcesOther'),
    );
    if (!globalThis.confirm(question)) return;
    setNotice(null);
    try {
      await request({ type: 'removeDataset', id: dataset.id });
      setNotice({ kind: 'status', message: t('datasetRemoved', dataset.name) });
      load();
    } catch (e) {
      setNotice({ kind: 'error', message: t('datasetRemoveError', dataset.name, errorMessage(e)) });
    }
  }

  async function download(dataset: DatasetInfo) {
    setNotice({ kind: 'status', message: t('datasetExporting', dataset.name) });
    setExporting((s) => new Set(s).add(dataset.id));
    try {
      const fileName = await exportDataset(dataset.id, request);
      setNotice({ kind: 'status', message: t('datasetExported', dataset.name, fileName) });
    } catch (e) {
      setNotice({ kind: 'error', message: t('datasetExportError', dataset.name, errorMessage(e)) });
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
      <h2 id={headingId}>{t('datasetsHeading')}</h2>
      <p class="hint">{t('datasetsHint')}</p>
      <p class="hint" data-testid="datasets-not-synced">
        {t('datasetsNotSynced')}
      </p>
      <p class="hint" id={privateHintId}>
        {t('datasetsPrivateHint')}
      </p>
      {list.status === 'error' && (
        <p class="error" role="alert">
          {t('datasetsLoadError', list.error)}
        </p>
      )}
      {list.status === 'loading' && <p>{t('loading')}</p>}
      {datasets && (
        <div class="table-wrap">
          <table data-testid="datasets">
            <thead>
              <tr>
                <th scope="col">{t('datasetsColName')}</th>
                <th scope="col">{t('datasetsColVersion')}</th>
                <th scope="col" class="num">
                  {t('datasetsColEntities')}
                </th>
                <th scope="col" class="num">
                  {t('datasetsColSources')}
                </th>
                <th scope="col">{t('datasetsColEnabled')}</th>
                <th scope="col">{t('datasetsColPrivate')}</th>
                <th scope="col">
                  <span class="visually-hidden">{t('datasetsColActions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {datasets.map((d) => (
                <tr key={d.id} data-dataset={d.id} data-entities={d.entityCount}>
                  <td>
                    <span class="dataset-name">{d.name}</span>
                    {d.bundled && ` ${t('datasetBundled')}`}
                    {d.description && <span class="dataset-desc">{d.description}</span>}
                  </td>
                  <td class="version">
                    <VersionLabel version={d.version} />
                  </td>
                  <td class="num">{formatNumber(d.entityCount)}</td>
                  <td class="num">{formatNumber(d.sourceCount)}</td>
                  <td>
                    <Switch
                      testId="dataset-enabled"
                      label={t('datasetEnable', d.name)}
                      hideLabel
                      checked={d.enabled}
                      onChange={(enabled) => void setEnabled(d, enabled)}
                    />
                  </td>
                  <td>
                    <Switch
                      testId="dataset-private"
                      label={t('datasetKeepPrivate', d.name)}
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
                      aria-label={t('datasetExportNamed', d.name)}
                      onClick={() => void download(d)}
                    >
                      {t('datasetExport')}
                    </button>
                    {!d.bundled && (
                      <button type="button" data-testid="dataset-remove" aria-label={t('actionRemoveNamed', d.name)} onClick={() => void remove(d)}>
                        {t('actionRemove')}
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
  const { label, date, title } = describeVersion(version, versionWords());
  return date ? (
    <time dateTime={date} title={title}>
      {label}
    </time>
  ) : (
    <span title={title}>{label}</span>
  );
}
