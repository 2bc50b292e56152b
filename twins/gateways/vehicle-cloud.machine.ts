// Twin of the carmaker's vehicle cloud (TSP): terminates the cars' cellular sessions (YD/T 4170-2023) and
// federates with home ecosystems through the hub. It only forwards, so its behaviour is the shared health
// region; what makes it a vehicle cloud is its place on the paths and its processing time.
import { gatewaySetup, healthRegion, initialGatewayContext } from './gateway-health';

/** Authentication, routing to the car's session and logging: a few milliseconds per message. */
export const VEHICLE_CLOUD_PROCESSING_MS = 8;

export const vehicleCloudMachine = gatewaySetup.createMachine({
  id: 'vehicleCloud',
  type: 'parallel',
  context: ({ input }) => initialGatewayContext(input, 'vehicle-cloud', VEHICLE_CLOUD_PROCESSING_MS),
  states: { health: healthRegion },
});
