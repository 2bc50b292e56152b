// Public surface of the gateway twins: the fleet the bus uses as its GatewayDirectory, the role machines, and
// the hub's translation between the vehicle cloud's and the home cloud's formats.
export * from './gateway-health';
export * from './gateway-conditions';
export * from './gateway-fleet';
export * from './hub-schemas';
export * from './hub-translation';
export * from './brand-adapter';
export * from './brand-translation';
export { vehicleCloudMachine, VEHICLE_CLOUD_PROCESSING_MS } from './vehicle-cloud.machine';
export { homeCloudMachine, HOME_CLOUD_PROCESSING_MS } from './home-cloud.machine';
export { hubMachine, HUB_PROCESSING_MS } from './hub.machine';
export { homeGatewayMachine, HOME_GATEWAY_PROCESSING_MS, HOME_GATEWAY_REBOOT_MS } from './home-gateway.machine';
export { phoneProxyMachine, PHONE_PROXY_PROCESSING_MS } from './phone-proxy.machine';
export { localLinkMachine, LOCAL_LINK_PROCESSING_MS } from './local-link.machine';
