// `twinbench export <db> <run> --format jsonl|csv`: a recorded run for other tools. Location is coarsened to
// ~1 km unless --precise-location is given (precise location is sensitive data: share it only with the user's
// authorisation). With --out the file appears only once complete, so a failed export never looks like a
// finished one.
import { closeSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { EXPORT_FORMATS, exportRun, type ExportFormat, type ExportSummary } from '../recorder/export';
import { RecordingError } from '../recorder/recording-error';
import { CliError, UsageError } from './cli-errors';
import { defineCommand } from './command-spec';
import { prepareOutputFile } from './output-file';

export const exportCommand = defineCommand(
  {
    name: 'export',
    args: '<recording.db> <run>',
    positionals: { min: 2, max: 2 },
    summary: 'export a run as JSONL or CSV (vehicle locations coarsened to ~1 km)',
    description: '<run> is a run id from `twinbench runs`, or latest. Secret fields (passwords, tokens, keys) are never exported.',
    options: {
      format: {
        type: 'string', value: 'jsonl|csv', required: true,
        help: 'jsonl: one canonical event per line (the stream the eventHash covers)\ncsv: one row per message: status, end-to-end and per-hop latencies, payload',
      },
      out: { type: 'string', short: 'o', value: 'FILE', help: 'write to FILE instead of standard output' },
      'precise-location': { type: 'boolean', help: 'keep vehicle latitude/longitude at full precision (default: rounded to ~1 km)' },
    },
    footer: 'Exit status: 0 exported, 2 bad command line or unreadable file.',
  },
  async ({ values, positionals }, io) => {
    const format = values.format as ExportFormat | undefined;
    if (format === undefined || !EXPORT_FORMATS.includes(format)) throw new UsageError(`--format must be ${EXPORT_FORMATS.join(' or ')}, got "${format}"`);
    const [file, run] = positionals as [string, string];
    const precise = values['precise-location'] === true;
    const out = values.out;
    if (out !== undefined) prepareOutputFile('--out', out, `run.${format}`);
    let summary: ExportSummary;
    try {
      summary = out === undefined ? exportRun({ file, run }, { format, precise, write: (chunk) => io.out(chunk) }) : exportToFile(file, run, format, precise, out);
    } catch (err) {
      if (err instanceof RecordingError) throw new CliError(err.message, 2, { cause: err });
      throw err;
    }
    const what = format === 'jsonl' ? 'events' : 'messages';
    const location = precise
      ? 'location kept at full precision'
      : `${summary.coarsened} location values rounded to ~1 km (--precise-location keeps them)`;
    io.err(`exported ${summary.rows} ${what} of run ${summary.run.id}${out === undefined ? '' : ` to ${out}`}; ${location}`);
    return 0;
  },
);

function exportToFile(file: string, run: string, format: ExportFormat, precise: boolean, out: string): ExportSummary {
  const partial = `${out}.partial`;
  let fd: number;
  try {
    fd = openSync(partial, 'w');
  } catch (err) {
    throw new RecordingError(`cannot write ${out}: ${(err as Error).message}. Check the folder exists and is writable.`, { file: out, runId: run });
  }
  let open = true;
  try {
    const summary = exportRun({ file, run }, { format, precise, write: (chunk) => writeAll(fd, chunk) });
    closeSync(fd);
    open = false;
    renameSync(partial, out);
    return summary;
  } catch (err) {
    if (open) closeSync(fd);
    rmSync(partial, { force: true });
    throw err;
  }
}

function writeAll(fd: number, chunk: string): void {
  const bytes = Buffer.from(chunk, 'utf8');
  let offset = 0;
  while (offset < bytes.length) offset += writeSync(fd, bytes, offset);
}
