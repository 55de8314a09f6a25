import { useId, useRef, useState } from 'preact/hooks';
import type { Problem } from '../../src/dataset/problem';
import { IMPORT_FORMATS, type ImportFormat } from '../../src/import/detect';
import { MAX_IMPORT_BYTES, MB } from '../../src/limits';
import { plural, problemText, t, type MessageKey } from '../../utils/i18n';
import { request } from '../../utils/messaging';
import { downloadText } from './export-file';
import { importFile, importSummary, type ImportFailure, type ImportOutcome, type ImportProgress, type ImportSummary } from './import-file';
import { FORMATS, importWhole } from './import-formats';
import { planImport } from './import-plan';
import { reportFileName, reportText, type ImportReport } from './import-report';
import { importStream, streamSummary, type StreamProgress } from './import-stream';

/** What the format menu calls each format; "detect" reads it from the file's first bytes. */
const FORMAT_LABELS: Record<ImportFormat, MessageKey> = {
  factlens: 'importFormatFactlens',
  wikidata: 'importFormatWikidata',
  ftm: 'importFormatFtm',
  popolo: 'importFormatPopolo',
  csv: 'importFormatCsv',
};

type State =
  | { kind: 'idle' }
  | { kind: 'checking'; fileName: string }
  | { kind: 'importing'; name: string; progress: ImportProgress }
  | { kind: 'streaming'; name: string; progress: StreamProgress }
  | { kind: 'done'; summary: ImportSummary; report?: ImportReport | undefined }
  | { kind: 'cancelled' }
  | { kind: 'error'; failure: ImportFailure; report?: ImportReport | undefined };

/**
 * Choose a file. A line-based format is streamed: converted and sent as it is
 * read, with problems skipped into a report. Any other file is checked (or
 * converted) completely, then imported in chunks. Either can be cancelled,
 * and nothing is visible until the whole import commits.
 */
export function ImportDataset({ onImported }: { onImported: () => void }) {
  const [state, setState] = useState<State>({ kind: 'idle' });
  const [format, setFormat] = useState<ImportFormat | 'detect'>('detect');
  const formatId = useId();
  const cancel = useRef<AbortController | null>(null);
  const busy = state.kind === 'checking' || state.kind === 'importing' || state.kind === 'streaming';
  const hintId = useId();
  const fileId = useId();

  function finished(outcome: ImportOutcome | Awaited<ReturnType<typeof importStream>>, summary: () => ImportSummary) {
    const report = 'report' in outcome ? outcome.report : undefined;
    switch (outcome.status) {
      case 'imported':
        setState({ kind: 'done', summary: summary(), report });
        onImported();
        break;
      case 'cancelled':
        setState({ kind: 'cancelled' });
        break;
      case 'refused':
      case 'failed':
        setState({ kind: 'error', failure: outcome.failure, report });
        break;
    }
  }

  async function start(file: File) {
    setState({ kind: 'checking', fileName: file.name });
    const controller = new AbortController();
    cancel.current = controller;
    const deps = { request, confirm: (question: string) => globalThis.confirm(question), signal: controller.signal };
    let name = file.name;
    const onProgress = (progress: ImportProgress) => setState({ kind: 'importing', name, progress });
    try {
      const plan = await planImport(file, FORMATS, format === 'detect' ? undefined : format);
      if (plan.kind === 'stream') {
        name = plan.header.name;
        const outcome = await importStream({
          file,
          header: plan.header,
          converter: plan.converter,
          deps: { ...deps, onProgress: (progress) => setState({ kind: 'streaming', name, progress }) },
        });
        finished(outcome, () => ({ message: outcome.status === 'imported' ? streamSummary(outcome) : '', warnings: [], moreWarnings: 0 }));
      } else if (plan.kind === 'whole') {
        name = plan.header.name;
        const outcome = await importWhole({ file, plan, deps: { ...deps, onProgress } });
        finished(outcome, () => ({ message: outcome.status === 'imported' ? streamSummary(outcome) : '', warnings: [], moreWarnings: 0 }));
      } else {
        const outcome = await importFile(file, {
          ...deps,
          onChecked: (dataset) => {
            name = dataset.name;
          },
          onProgress,
        });
        finished(outcome, () => (outcome.status === 'imported' ? importSummary(outcome.info, outcome.warnings) : { message: '', warnings: [], moreWarnings: 0 }));
      }
    } finally {
      cancel.current = null;
    }
  }

  return (
    <div class="import" data-testid="import">
      <h3>{t('importHeading')}</h3>
      <p class="hint" id={hintId}>
        {t('importHint', MAX_IMPORT_BYTES / MB)}
      </p>
      <label for={formatId}>{t('importFormatLabel')}</label>{' '}
      <select
        id={formatId}
        data-testid="import-format"
        value={format}
        disabled={busy}
        onChange={(e) => setFormat(e.currentTarget.value as ImportFormat | 'detect')}
      >
        <option value="detect">{t('importFormatDetect')}</option>
        {IMPORT_FORMATS.map((f) => (
          <option key={f} value={f}>
            {t(FORMAT_LABELS[f])}
          </option>
        ))}
      </select>{' '}
      <label for={fileId}>{t('importFileLabel')}</label>{' '}
      <input
        id={fileId}
        type="file"
        accept=".json,.ndjson,.jsonl,.csv,.txt,application/json,text/csv"
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
      {busy && (
        <button type="button" data-testid="import-cancel" onClick={() => cancel.current?.abort()}>
          {t('importCancel')}
        </button>
      )}
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
    case 'streaming':
      return <StreamProgressBar name={state.name} progress={state.progress} />;
    case 'done':
      return (
        <>
          <p class="status success" role="status" data-testid="import-done">
            {state.summary.message}
          </p>
          <Problems testid="import-warnings" problems={state.summary.warnings} more={state.summary.moreWarnings} />
          {state.report && state.report.skipped > 0 && <ReportButton report={state.report} />}
        </>
      );
    case 'cancelled':
      return (
        <p class="status" role="status">
          {t('importNothing')}
        </p>
      );
    case 'error':
      return (
        <>
          <ImportError failure={state.failure} />
          {state.report && state.report.problems.length > 0 && <ReportButton report={state.report} />}
        </>
      );
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

/** Bytes read of the file drive the bar; the entities imported and skipped are counted beside it. */
function StreamProgressBar({ name, progress: { imported, problems, bytes, totalBytes, pass, passes } }: { name: string; progress: StreamProgress }) {
  const id = useId();
  const mb = (n: number) => (n / MB).toFixed(1);
  return (
    <div class="import-progress">
      <label for={id}>{t('importStreamLabel', name)}</label>
      <progress id={id} data-testid="import-progress" max={Math.max(totalBytes, 1)} value={bytes} />
      <p class="status" role="status">
        {pass === 1 && passes > 1
          ? t('importStreamPass', pass, passes)
          : problems > 0
            ? t('importStreamProgressProblems', plural(imported, 'importEntitiesOne', 'importEntitiesOther'), plural(problems, 'importProblemsOne', 'importProblemsOther'))
            : t('importStreamProgress', plural(imported, 'importEntitiesOne', 'importEntitiesOther'))}{' '}
        {t('importStreamBytes', mb(bytes), mb(totalBytes))}
        {passes > 2 && pass > 1 ? ` ${t('importStreamPassOf', pass, passes)}` : ''}
      </p>
    </div>
  );
}

function ReportButton({ report }: { report: ImportReport }) {
  return (
    <button type="button" data-testid="import-report" onClick={() => downloadText(reportFileName(report), reportText(report), 'text/plain')}>
      {t('importReportDownload')}
    </button>
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
          <code>{problem.path}</code> {problemText(problem)}
        </li>
      ))}
      {more > 0 && <li class="more">{t('importMore', more)}</li>}
    </ul>
  );
}
