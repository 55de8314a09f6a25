import { useId, useState } from 'preact/hooks';
import type { Problem } from '../../src/dataset/problem';
import { MAX_IMPORT_BYTES, MB } from '../../src/limits';
import { plural, t } from '../../utils/i18n';
import { request } from '../../utils/messaging';
import { importFile, importSummary, type ImportFailure, type ImportProgress, type ImportSummary } from './import-file';

type State =
  | { kind: 'idle' }
  | { kind: 'checking'; fileName: string }
  | { kind: 'importing'; name: string; progress: ImportProgress }
  | { kind: 'done'; summary: ImportSummary }
  | { kind: 'cancelled' }
  | { kind: 'error'; failure: ImportFailure };

/** Choose a file; it is checked completely, then imported in chunks with progress. */
export function ImportDataset({ onImported }: { onImported: () => void }) {
  const [state, setState] = useState<State>({ kind: 'idle' });
  const busy = state.kind === 'checking' || state.kind === 'importing';
  const hintId = useId();
  const fileId = useId();

  async function start(file: File) {
    setState({ kind: 'checking', fileName: file.name });
    let name = file.name;
    const outcome = await importFile(file, {
      request,
      confirm: (question) => globalThis.confirm(question),
      onChecked: (dataset) => {
        name = dataset.name;
      },
      onProgress: (progress) => setState({ kind: 'importing', name, progress }),
    });
    switch (outcome.status) {
      case 'imported':
        setState({ kind: 'done', summary: importSummary(outcome.info, outcome.warnings) });
        onImported();
        break;
      case 'cancelled':
        setState({ kind: 'cancelled' });
        break;
      case 'refused':
      case 'failed':
        setState({ kind: 'error', failure: outcome.failure });
        break;
    }
  }

  return (
    <div class="import" data-testid="import">
      <h3>{t('importHeading')}</h3>
      <p class="hint" id={hintId}>
        {t('importHint', MAX_IMPORT_BYTES / MB)}
      </p>
      <label for={fileId}>{t('importFileLabel')}</label>{' '}
      <input
        id={fileId}
        type="file"
        accept=".json,application/json"
        data-testid="import-file"
        aria-describedby={hintId}
        disabled={busy}
        onChange={(e) => {
          const input = e.currentTarget;
          const file = input.files?.[0];
          // Cleared so that choosing the same file again (after fixing it) is a change too.
          input.value = '';
          if (file) void start(file);
        }}
      />
      <ImportState state={state} />
    </div>
  );
}

function ImportState({ state }: { state: State }) {
  switch (state.kind) {
    case 'idle':
      return null;
    case 'checking':
      return (
        <p class="status" role="status">
          {t('importChecking', state.fileName)}
        </p>
      );
    case 'importing':
      return <ImportProgressBar name={state.name} progress={state.progress} />;
    case 'done':
      return (
        <>
          <p class="status success" role="status" data-testid="import-done">
            {state.summary.message}
          </p>
          <Problems testid="import-warnings" problems={state.summary.warnings} more={state.summary.moreWarnings} />
        </>
      );
    case 'cancelled':
      return (
        <p class="status" role="status">
          {t('importNothing')}
        </p>
      );
    case 'error':
      return <ImportError failure={state.failure} />;
  }
}

function ImportProgressBar({ name, progress: { done, total } }: { name: string; progress: ImportProgress }) {
  const id = useId();
  return (
    <div class="import-progress">
      <label for={id}>{t('importImporting', name)}</label>
      <progress id={id} data-testid="import-progress" max={Math.max(total, 1)} value={done} />
      <p class="status" role="status">
        {t('importProgress', done, plural(total, 'countEntitiesOne', 'countEntitiesOther'))}
      </p>
    </div>
  );
}

function ImportError({ failure }: { failure: ImportFailure }) {
  return (
    <div class="error import-error" role="alert" data-testid="import-error">
      <p>{failure.message}</p>
      <Problems problems={failure.problems ?? []} more={failure.moreProblems ?? 0} />
    </div>
  );
}

/** Problems or warnings, each with its JSON path, and how many more there are. */
function Problems({ problems, more, testid }: { problems: Problem[]; more: number; testid?: string }) {
  if (problems.length === 0) return null;
  return (
    <ul class="problems" data-testid={testid}>
      {problems.map((problem, i) => (
        <li key={i}>
          <code>{problem.path}</code> {problem.message}
        </li>
      ))}
      {more > 0 && <li class="more">{t('importMore', more)}</li>}
    </ul>
  );
}
