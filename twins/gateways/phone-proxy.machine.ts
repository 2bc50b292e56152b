// Twin of the user's phone acting as the car's proxy (phone-proxy architecture): the car projects the phone's
// home app (CarPlay/CarLife-style) or a phone agent relays for it. Besides health it has a projection session:
// only while the phone is projected into the car can it carry car ⇄ home traffic; its own cellular side (push
// notifications from the clouds) works either way.
import { gatewaySetup, healthRegion, initialGatewayContext } from './gateway-health';

/** The phone app wakes, re-encodes and forwards: slower than a cloud, faster than the hub. */
export const PHONE_PROXY_PROCESSING_MS = 12;

export const phoneProxyMachine = gatewaySetup.createMachine({
  id: 'phoneProxy',
  type: 'parallel',
  context: ({ input }) => initialGatewayContext(input, 'phone-proxy', PHONE_PROXY_PROCESSING_MS),
  states: {
    health: healthRegion,
    projection: {
      // A paired phone is projected when the car starts; PROJECTION.DISCONNECT models the cable or app dropping.
      initial: 'connected',
      states: {
        connected: { on: { 'PROJECTION.DISCONNECT': 'disconnected' } },
        disconnected: { on: { 'PROJECTION.CONNECT': 'connected' } },
      },
    },
  },
});
