// Entry point bundled by bare-context.test.ts: a whole neighbourhood (map, twins, bus, gateways, apps) run with no
// host at all, returning its eventHash. Kept outside the test so it is type-checked as twins/ code (no host APIs).
import { runNeighbourhood } from './sim/demo-neighbourhood';

export function runBareStory(seed: number): string {
  return runNeighbourhood(seed, 'cloud-cloud', 2).kernel.events.hash();
}
