// `twinbench merge`: the shards of one suite, run on different machines, combined into the report one machine
// would have written. A run that appears twice must be the same run (same job, same eventHash); shards of
// different suites, or a report that is not a suite report, are refused with the file's name.
import { readFileSync, statSync } from 'node:fs';
import { z } from 'zod';
import { assemble, SUITE_REPORT_FORMAT, type SuiteReport, type SuiteRun } from './suite-report';

export class SuiteMergeError extends Error {}

/** A shard's report is a few MB per thousand runs; far beyond this is not a report of ours. */
export const MAX_REPORT_BYTES = 512 * 1024 * 1024;

const ShardSchema = z.object({ index: z.number().int().min(1), total: z.number().int().min(1) });
const RunSchema = z.looseObject({
  index: z.number().int().min(0),
  file: z.string(),
  scenario: z.string(),
  architecture: z.enum(['cloud-cloud', 'direct', 'phone-proxy', 'local']),
  seed: z.number().int(),
  passed: z.boolean(),
  verdict: z.enum(['pass', 'fail', 'none', 'error', 'skipped']).optional(),
  error: z.string().optional(),
  skipped: z.string().optional(),
  eventHash: z.string().optional(),
  result: z.looseObject({ scenario: z.string(), passed: z.boolean(), eventHash: z.string(), metrics: z.looseObject({}) }).optional(),
});
// A skipped run says why (the reason a merged report and JUnit show), and only a skipped run has that field.
const Run = RunSchema.refine((r) => (r.verdict === 'skipped') === (r.skipped !== undefined), { error: 'a skipped run has verdict "skipped" and says why in "skipped"' });
const ReportSchema = z.looseObject({
  format: z.literal(SUITE_REPORT_FORMAT),
  planned: z.number().int().min(0),
  shards: z.array(ShardSchema),
  runs: z.array(Run),
});

export function readSuiteReport(file: string): SuiteReport {
  let text: string;
  try {
    if (statSync(file).size > MAX_REPORT_BYTES) throw new SuiteMergeError(`${file}: larger than ${MAX_REPORT_BYTES / 2 ** 20} MiB; not a suite report`);
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if (err instanceof SuiteMergeError) throw err;
    throw new SuiteMergeError(`${file}: cannot read it (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new SuiteMergeError(`${file}: not JSON (${(err as Error).message})`);
  }
  return parseSuiteReport(file, json);
}

/** A suite report already read as JSON (by `merge`, which reads each file once to tell fleet from suite). */
export function parseSuiteReport(file: string, json: unknown): SuiteReport {
  const parsed = ReportSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
    throw new SuiteMergeError(`${file}: not a suite report written by \`twinbench run … --report x.json\` with --shard or --seeds (${issue.message}${where})`);
  }
  return parsed.data as unknown as SuiteReport;
}

export interface MergedSuite {
  report: SuiteReport;
  /** Plan positions no shard ran (a shard missing from the merge). */
  missing: number[];
}

export function mergeSuiteReports(inputs: readonly { file: string; report: SuiteReport }[]): MergedSuite {
  if (inputs.length === 0) throw new SuiteMergeError('name at least one report to merge');
  const planned = inputs[0]!.report.planned;
  const byIndex = new Map<number, { run: SuiteRun; file: string }>();
  for (const { file, report } of inputs) {
    if (report.planned !== planned) {
      throw new SuiteMergeError(`${file}: its suite has ${report.planned} runs, ${inputs[0]!.file}'s has ${planned}: not shards of one suite`);
    }
    for (const run of report.runs) {
      if (run.index >= planned) throw new SuiteMergeError(`${file}: run #${run.index} is outside its suite of ${planned} runs`);
      const seen = byIndex.get(run.index);
      if (seen === undefined) {
        byIndex.set(run.index, { run, file });
      } else if (!sameRun(seen.run, run)) {
        throw new SuiteMergeError(`run #${run.index} differs between ${seen.file} and ${file} (${describe(seen.run)} vs ${describe(run)})`);
      }
    }
  }
  const shards = inputs.flatMap((i) => i.report.shards);
  const missing = Array.from({ length: planned }, (_, i) => i).filter((i) => !byIndex.has(i));
  return { report: assemble([...byIndex.values()].map((v) => v.run), planned, dedupeShards(shards)), missing };
}

/** The same run of the same suite: a run skipped in one report (a scene needing a real endpoint) is skipped in all. */
function sameRun(a: SuiteRun, b: SuiteRun): boolean {
  return a.scenario === b.scenario && a.architecture === b.architecture && a.seed === b.seed && a.eventHash === b.eventHash
    && (a.verdict === 'skipped') === (b.verdict === 'skipped');
}

const describe = (r: SuiteRun): string => `${r.scenario} [${r.architecture}] seed ${r.seed}${r.eventHash ? ` ${r.eventHash.slice(0, 12)}` : ''}${r.verdict === 'skipped' ? ' skipped' : ''}`;

function dedupeShards(shards: { index: number; total: number }[]): { index: number; total: number }[] {
  const seen = new Map(shards.map((s) => [`${s.index}/${s.total}`, s]));
  return [...seen.values()].sort((a, b) => a.total - b.total || a.index - b.index);
}
