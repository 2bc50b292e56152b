// `npm run bench`: every benchmark, printed as a table of figures and ratios to baselines measured in the same
// run. Benchmarks never pass or fail (tests do); they say how fast, against what. `npm run bench -- foundation`
// runs one group.
import type { BenchResult } from './bench-result';
import { benchFleet } from './fleet.bench';
import { benchFoundation } from './foundation.bench';
import { benchMqtt } from './mqtt.bench';
import { benchRecorder } from './recorder.bench';
import { benchSuite } from './suite.bench';
import { benchScale } from './scale.bench';
import { benchUi } from './ui.bench';

const groups: Record<string, () => Promise<BenchResult[]>> = {
  foundation: benchFoundation,
  recorder: benchRecorder,
  mqtt: benchMqtt,
  ui: benchUi,
  suite: benchSuite,
  scale: benchScale,
  // 10,000 MQTT clients against a local Mosquitto: about a minute, and ~10,000 file descriptors.
  fleet: benchFleet,
};

function format(n: number): string {
  return Math.abs(n) >= 1000 ? Math.round(n).toLocaleString('en-US') : String(Math.round(n * 1000) / 1000);
}

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !(name in groups));
if (unknown.length > 0) {
  console.error(`npm run bench: no benchmark group ${unknown.join(', ')}; the groups are ${Object.keys(groups).join(', ')}`);
  process.exit(2);
}
for (const [group, run] of Object.entries(groups)) {
  if (wanted.length > 0 && !wanted.includes(group)) continue;
  console.log(`\n## ${group}`);
  for (const r of await run()) {
    const vs = r.baseline !== undefined ? `  (baseline ${format(r.baseline)} ${r.baselineUnit ?? r.unit.split(' ')[0]}; ratio ${r.ratio!.toFixed(3)})` : '';
    console.log(`- ${r.name}: ${format(r.value)} ${r.unit}${vs}${r.note ? `\n    ${r.note}` : ''}`);
  }
}
