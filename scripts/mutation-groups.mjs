// The modules `npm run mutate` mutates, by group, and the tests each group is measured against.
export const GROUPS = {
  evaluator: { mutate: ['engine/runner/evaluate/*.ts'], tests: ['engine/runner/evaluate/*.test.ts', 'engine/scenario/schema-matchers.test.ts'] },
  security: { mutate: ['twins/security/*.ts'], tests: ['twins/security/*.test.ts'] },
  bus: { mutate: ['twins/bus/links.ts', 'twins/bus/flight.ts', 'twins/bus/pending-requests.ts'], tests: ['twins/bus/*.test.ts'] },
  recorder: { mutate: ['engine/recorder/run-recorder.ts', 'engine/recorder/writer-liveness.ts'], tests: ['engine/recorder/*.test.ts'] },
  backoff: { mutate: ['engine/connectors/reconnect-backoff.ts'], tests: ['engine/connectors/reconnect-backoff.test.ts'] },
  charging: { mutate: ['twins/sim/apps/charging-app.ts'], tests: ['twins/sim/apps/charging-*.test.ts'] },
};
