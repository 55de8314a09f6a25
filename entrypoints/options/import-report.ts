import { MAX_REPORT_PROBLEMS } from '../../src/limits';

/** One thing an import skipped or refused, located by its line (streamed formats) or JSON path (whole files). */
export interface ReportProblem {
  line?: number;
  path?: string;
  message: string;
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
  return [line === undefined ? '' : `line ${line}`, path ?? ''].filter((s) => s !== '').join(' ');
}

/** The downloadable report: a header with the counts, then one problem a line, "line 12: no name". */
export function reportText(report: ImportReport): string {
  const lines = [
    `Factlens import report for ${report.fileName}`,
    `Imported: ${report.imported}`,
    `Skipped: ${report.skipped}`,
    '',
    ...report.problems.map((p) => {
      const place = problemPlace(p);
      return place === '' ? p.message : `${place}: ${p.message}`;
    }),
  ];
  if (report.more > 0) lines.push(`… and ${report.more} more problems`);
  return `${lines.join('\n')}\n`;
}

/** `<file name>-import-report.txt`, with characters file systems refuse replaced. */
export function reportFileName(report: ImportReport): string {
  // eslint-disable-next-line no-control-regex
  return `${report.fileName.replace(/\.[^.]*$/, '')}-import-report.txt`.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '-');
}
