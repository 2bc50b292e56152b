// Twin of the home-appliance ecosystem's cloud: holds the device shadows, relays commands to home gateways,
// pushes notifications to phones and answers the hub. Its behaviour is the shared health region; its place on
// every architecture's path (all but local) is what makes its outages so visible.
import { gatewaySetup, healthRegion, initialGatewayContext } from './gateway-health';

/** Device-shadow lookup and relay: a little slower than the vehicle cloud's routing. */
export const HOME_CLOUD_PROCESSING_MS = 10;

export const homeCloudMachine = gatewaySetup.createMachine({
  id: 'homeCloud',
  type: 'parallel',
  context: ({ input }) => initialGatewayContext(input, 'home-cloud', HOME_CLOUD_PROCESSING_MS),
  states: { health: healthRegion },
});
