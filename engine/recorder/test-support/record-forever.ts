// Child process for the crash test: records a run flat out into the file given as argv[2] and prints
// `flushed <seq>` after every committed batch (stdout to a pipe is synchronous on Linux, so a printed seq is on
// disk). It never finishes the run: the parent kills it with SIGKILL. It exits by itself after a minute in
// case the parent died first.
import { Recorder } from '../recorder';
import { cloudHops, RunBuilder } from './synthetic-run';

const file = process.argv[2];
if (file === undefined) throw new Error('usage: record-forever.ts <file.db>');

const recorder = Recorder.open(file, {
  flushIntervalMs: 20,
  maxBufferedRows: 500,
  onFlush: ({ lastSeq }) => process.stdout.write(`flushed ${lastSeq}\n`),
});
const run = recorder.startRun({ scenario: 'crash-test', seed: 3, architecture: 'cloud-cloud' });
process.stdout.write(`run ${run.runId}\n`);

// The builder's kernel produces genuine lines; the recorder listens to it as it would to a live run.
const builder = new RunBuilder(3);
builder.kernel.events.onEvent(run.listener);
let t = 0;

function burst(): void {
  for (let i = 0; i < 150; i++) {
    t += 10;
    builder.at(t);
    if (i % 3 === 0) builder.twin('home/h1/light.hall', 'light', i % 2 === 0 ? 'on' : 'off', { brightness: i });
    else builder.message({ source: 'vehicle/car1', destination: 'home/h1/light.hall', topic: 'home/h1/light/set', payload: { brightness: i }, hops: cloudHops('vehicle/car1', 'home/h1/light.hall') });
  }
  setImmediate(burst);
}
setTimeout(() => process.exit(3), 60_000).unref();
burst();
