import type { ProblemText } from '../../src/dataset/problem';
import { MAX_REPORT_PROBLEMS } from '../../src/limits';
import { problemText, t } from '../../utils/i18n';

/** One thing an import skipped or refused, located by its line (streamed formats) or JSON path (whole files). */
export interface ReportProblem extends ProblemText {
  line?: number;
  path?: string;
}

export interface ImportReport {
  fileName: string;
  imported: number;
  skipped: number;
  /** The first MAX_REPORT_PROBLEMS problems; `more` counts the rest. */
  problems: ReportProblem[];
  more: number;
}

/** Collects problems as an import goes, keeping at most MAX_REPORT_PROBLEMS of them. */
export function createReport(fileName: string) {
  const report: ImportReport = { fileName, imported: 0, skipped: 0, problems: [], more: 0 };
  return {
    report,
    problem(problem: ReportProblem) {
      if (report.problems.length < MAX_REPORT_PROBLEMS) report.problems.push(problem);
      else report.more++;
    },
  };
}

function problemPlace({ line, path }: ReportProblem): string {
  return [line === undefined ? '' : t('reportLine', line), path ?? ''].filter((s) => s !== '').join(' ');
}

/** The downloadable report, in the reader's language: a header with the counts, then one problem a line, "line 12: row skipped: it has no name". */
export function reportText(report: ImportReport): string {
  const lines = [
    t('reportTitle', report.fileName),
    t('reportImported', report.imported),
    t('reportSkipped', report.skipped),
    '',
    ...report.problems.map((p) => {
      const place = problemPlace(p);
      return place === '' ? problemText(p) : t('reportProblemAt', place, problemText(p));
    }),
  ];
  if (report.more > 0) lines.push(t('reportMore', report.more));
  return `${lines.join('\n')}\n`;
}

/** `<file name>-import-report.txt`, with characters file systems refuse replaced. */
export function reportFileName(report: ImportReport): string {
  // eslint-disable-next-line no-control-regex
  return `${report.fileName.replace(/\.[^.]*$/, '')}-import-report.txt`.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '-');
}
