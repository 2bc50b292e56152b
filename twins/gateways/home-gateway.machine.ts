// Twin of a home gateway (hub/bridge on the home LAN, the "home gateway" hardware carrier of seed §3.4.2). It
// relays between the home cloud and the devices, and is the car's peer under the local architecture. Besides
// health it has a WAN uplink that can drop on its own (WAN.DOWN): cloud paths into the home then fail while
// LAN and near-field traffic still flows — the resilience argument for local direct links. A reboot takes it
// offline for a while.
import { gatewaySetup, healthRegion, initialGatewayContext, restoreAfterDuration } from './gateway-health';

export const HOME_GATEWAY_PROCESSING_MS = 5;
/** Consumer gateways take one to two minutes to boot and rejoin the mesh. */
export const HOME_GATEWAY_REBOOT_MS = 90_000;

const WAN_RESTORE = 'home-gateway.wan-restore';

export const homeGatewayMachine = gatewaySetup.createMachine({
  id: 'homeGateway',
  type: 'parallel',
  context: ({ input }) => initialGatewayContext(input, 'home-gateway', HOME_GATEWAY_PROCESSING_MS),
  on: {
    'GATEWAY.REBOOT': {
      actions: gatewaySetup.raise(({ event }) => ({
        type: 'GATEWAY.FAIL',
        reason: 'rebooting',
        durationMs: (event.type === 'GATEWAY.REBOOT' ? event.durationMs : undefined) ?? HOME_GATEWAY_REBOOT_MS,
      })),
    },
  },
  states: {
    health: healthRegion,
    wan: {
      initial: 'up',
      states: {
        up: { on: { 'WAN.DOWN': { target: 'down', actions: restoreAfterDuration({ type: 'WAN.UP' }, WAN_RESTORE) } } },
        down: {
          on: {
            'WAN.DOWN': { actions: restoreAfterDuration({ type: 'WAN.UP' }, WAN_RESTORE) },
            'WAN.UP': { target: 'up', actions: gatewaySetup.cancel(WAN_RESTORE) },
          },
        },
      },
    },
  },
});
