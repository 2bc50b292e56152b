// Entry point bundled by bare-context.test.ts: a small seeded story exercising the whole public surface of
// twins/, returning its eventHash. Kept outside the test so it is type-checked as twins/ code (no host APIs).
import { createKernel } from './index';

export function runBareStory(seed: number): string {
  const k = createKernel({ seed, retainLines: false });
  const jitter = k.random.stream('links/bare');
  for (let i = 0; i < 50; i++) {
    k.scheduler.schedule(jitter.int(0, 10_000), () => k.events.emit('tick', `twin/${i}`, { i }));
  }
  k.clock.runUntilIdle();
  return k.events.hash();
}
