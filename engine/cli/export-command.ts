// `twinbench export <db> <run> --format jsonl|csv`: a recorded run for other tools. Location is coarsened to
// ~1 km unless --precise-location is given (precise location is sensitive data: share it only with the user's
// authorisation). With --out the file appears only once complete, so a failed export never looks like a
// finished one.
import { closeSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { EXPORT_FORMATS, exportRun, type ExportFormat, type ExportSummary } from '../recorder/export';
import { RecordingError } from '../recorder/recording-error';
import { parseCommandArgs, type CliIo, UsageError } from './main';

const USAGE = `Usage: twinbench export <recording.db> <run> --format jsonl|csv [--out FILE] [--precise-location]

  <run>                a run id from \`twinbench runs\`, or latest
  --format jsonl       one canonical event per line (the stream the eventHash covers)
  --format csv         one row per message: status, end-to-end and per-hop latencies, payload
  --out FILE           write to FILE instead of standard output
  --precise-location   keep vehicle latitude/longitude at full precision (default: rounded to ~1 km)
Secret fields (passwords, tokens, keys) are never exported.
`;

export async function exportCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs({
    args: argv,
    options: {
      format: { type: 'string' },
      out: { type: 'string', short: 'o' },
      'precise-location': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: true,
  });
  if (values.help) {
    io.out(USAGE);
    return 0;
  }
  if (positionals.length !== 2) throw new UsageError(`expected <recording.db> <run>, got ${positionals.length} arguments\n\n${USAGE}`);
  const format = values.format as ExportFormat | undefined;
  if (format === undefined || !EXPORT_FORMATS.includes(format)) {
    throw new UsageError(`--format must be ${EXPORT_FORMATS.join(' or ')}${format === undefined ? '' : `, got "${format}"`}`);
  }
  const [file, run] = positionals as [string, string];
  const precise = values['precise-location'] === true;
  const out = values.out;
  let summary: ExportSummary;
  try {
    summary = out === undefined ? exportRun({ file, run }, { format, precise, write: (chunk) => io.out(chunk) }) : exportToFile(file, run, format, precise, out);
  } catch (err) {
    if (!(err instanceof RecordingError)) throw err;
    io.err(`twinbench export: ${err.message}`);
    return 2;
  }
  const what = format === 'jsonl' ? 'events' : 'messages';
  const location = precise
    ? 'location kept at full precision'
    : `${summary.coarsened} location values rounded to ~1 km (--precise-location keeps them)`;
  io.err(`exported ${summary.rows} ${what} of run ${summary.run.id}${out === undefined ? '' : ` to ${out}`}; ${location}`);
  return 0;
}

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
