// Public surface of the message bus: envelopes, addresses, paths, link models and the bus itself.
export * from './envelope';
export * from './addresses';
export * from './formats';
export * from './links';
export * from './nodes';
export * from './paths';
export * from './topics';
export * from './trace-ids';
export * from './topology';
export { RouteTable, type HopPlan, type Route } from './routes';
export * from './bus-types';
export * from './bus';
