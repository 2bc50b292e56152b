// Twin of a home's local direct link radio (V2X PC5 / NearLink / driveway Wi-Fi on the home gateway, seed
// §3.4.3(5)): the car's peer interface under the local architecture. Range is the world's business (the bus asks
// `isLocalReachable`); this twin covers the radio itself: health (interference degrades it) and whether the
// household has it switched on at all (RADIO.DISABLE, e.g. a privacy setting).
import { gatewaySetup, healthRegion, initialGatewayContext } from './gateway-health';

/** Session lookup on the radio module; the gateway's own processing is counted separately. */
export const LOCAL_LINK_PROCESSING_MS = 1;

export const localLinkMachine = gatewaySetup.createMachine({
  id: 'localLink',
  type: 'parallel',
  context: ({ input }) => initialGatewayContext(input, 'local-link', LOCAL_LINK_PROCESSING_MS),
  states: {
    health: healthRegion,
    radio: {
      initial: 'enabled',
      states: {
        enabled: { on: { 'RADIO.DISABLE': 'disabled' } },
        disabled: { on: { 'RADIO.ENABLE': 'enabled' } },
      },
    },
  },
});
