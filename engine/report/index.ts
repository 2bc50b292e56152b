// The report's public surface: pure views of RunResult[] (JSON, Markdown, HTML with SVG charts, JUnit XML) and
// the two functions that write them, choosing the format from the file's extension.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, extname } from 'node:path';
import type { RunResult } from '../runner/result';
import { htmlReport, type HtmlReportOptions } from './html-report';
import { jsonReport } from './json-report';
import { junitXml, type JunitOptions } from './junit';
import { markdownReport } from './markdown-report';

export { jsonReport, type JsonReportOptions } from './json-report';
export { markdownReport } from './markdown-report';
export { htmlReport, type HtmlReportOptions } from './html-report';
export { junitXml, type JunitOptions, type RunWithoutResult } from './junit';
export {
  latencyHistogramSvg, loadCurveSvg, runLatencyHistogramSvg, runLoadCurveSvg,
  type HistogramSeries, type LoadCurveInput, type TariffPeakWindow, type GridMetricsWithTariff,
} from './svg-charts';
export { latencyHistogram, type Histogram, type HistogramBin } from './histogram';
export { reportModel, type ReportModel } from './report-model';
export { escapeText, escapeAttribute, escapeMarkdown } from './escape';

export type ReportFormat = 'json' | 'markdown' | 'html';

const FORMATS_BY_EXTENSION: Readonly<Record<string, ReportFormat>> = {
  '.json': 'json',
  '.md': 'markdown',
  '.markdown': 'markdown',
  '.html': 'html',
  '.htm': 'html',
};

export const REPORT_EXTENSIONS: readonly string[] = Object.keys(FORMATS_BY_EXTENSION);

/** The report format a path asks for, or an error that lists the extensions there are. */
export function reportFormatOf(path: string): ReportFormat {
  const ext = extname(path).toLowerCase();
  const format = FORMATS_BY_EXTENSION[ext];
  if (!format) {
    throw new Error(
      `Cannot write a report to ${path}: ${ext ? `the extension "${ext}" is not a report format` : 'the file has no extension'}. ` +
      `Use one of ${REPORT_EXTENSIONS.join(', ')} (JSON, Markdown, HTML); JUnit XML is written separately, to its own .xml file.`,
    );
  }
  return format;
}

/** The report text for a format, without writing anything. */
export function renderReport(format: ReportFormat, results: readonly RunResult[], options: HtmlReportOptions = {}): string {
  switch (format) {
    case 'json': return jsonReport(results);
    case 'markdown': return markdownReport(results);
    case 'html': return htmlReport(results, options);
  }
}

/** Writes the report in the format the extension names (`.json`, `.md`, `.html`), creating the folder. */
export function writeReport(path: string, results: readonly RunResult[], options: HtmlReportOptions = {}): ReportFormat {
  const format = reportFormatOf(path);
  const text = renderReport(format, results, options);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text, 'utf8');
  return format;
}

/** Writes JUnit XML, whatever the extension (CI servers usually look for `*.xml`). */
export function writeJunit(path: string, results: readonly RunResult[], options: JunitOptions = {}): void {
  const xml = junitXml(results, options);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, xml, 'utf8');
}
