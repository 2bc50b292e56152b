// Public surface of the common layer: everything engine/ and renderer/ may use from twins/.
export * from './kernel';
export * from './bus';
export * from './gateways';
export * as world from './world';
export * from './sim';
