import { useEffect, useState } from 'preact/hooks';
import type { DatasetInfo } from '../../src/messages/protocol';
import { request } from '../../utils/messaging';

export function DatasetsSection() {
  const [datasets, setDatasets] = useState<DatasetInfo[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    request({ type: 'listDatasets' }).then(setDatasets, (e: Error) => setError(e.message));
  }, []);

  return (
    <section aria-labelledby="datasets-heading">
      <h2 id="datasets-heading">Datasets</h2>
      {error && <p class="error" role="alert">{error}</p>}
      {datasets === null && !error && <p>Loading…</p>}
      {datasets && (
        <table data-testid="datasets">
          <thead>
            <tr>
              <th>Name</th>
              <th>Version</th>
              <th>Entities</th>
              <th>Sources</th>
            </tr>
          </thead>
          <tbody>
            {datasets.map((d) => (
              <tr key={d.id} data-dataset={d.id} data-entities={d.entityCount}>
                <td>
                  {d.name}
                  {d.bundled && ' (bundled)'}
                </td>
                <td>{d.version}</td>
                <td>{d.entityCount}</td>
                <td>{d.sourceCount}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
