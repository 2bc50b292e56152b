// Twin of the interconnection hub of the cloud-cloud architecture: it translates every message between the
// vehicle cloud's and the home cloud's formats (hub-translation.ts), which makes it the slowest hop. Besides
// health it tracks whether its mapping matches the home cloud's current schema: when the home cloud changes its
// API (HUB.SCHEMA_DRIFT) every translation fails until the mapping is updated (HUB.SCHEMA_SYNC) — the
// integration cost the seed report holds against cloud-to-cloud.
import { gatewaySetup, healthRegion, initialGatewayContext, restoreAfterDuration } from './gateway-health';

/** Parsing, schema mapping and re-signing: the slowest gateway on any path. */
export const HUB_PROCESSING_MS = 25;

const SCHEMA_SYNC = 'hub.schema-sync';

export const hubMachine = gatewaySetup.createMachine({
  id: 'hub',
  type: 'parallel',
  context: ({ input }) => initialGatewayContext(input, 'hub', HUB_PROCESSING_MS),
  states: {
    health: healthRegion,
    schema: {
      initial: 'inSync',
      states: {
        inSync: {
          on: {
            'HUB.SCHEMA_DRIFT': { target: 'drifted', actions: restoreAfterDuration({ type: 'HUB.SCHEMA_SYNC' }, SCHEMA_SYNC) },
          },
        },
        drifted: {
          on: {
            'HUB.SCHEMA_DRIFT': { actions: restoreAfterDuration({ type: 'HUB.SCHEMA_SYNC' }, SCHEMA_SYNC) },
            'HUB.SCHEMA_SYNC': { target: 'inSync', actions: gatewaySetup.cancel(SCHEMA_SYNC) },
          },
        },
      },
    },
  },
});

