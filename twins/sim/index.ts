// The simulation: a world of twins on one kernel, and the standard apps that play the seed's scenes in it.
export * from './apps';
export * from './controller-parties';
export * from './ecosystem-codec';
export * from './home-twin';
export * from './simulation';
export * from './spec';
export * from './standard-home';
export * from './to-json';
export * from './twin-actor';
export * from './vehicle-twin';
export * from './demo-neighbourhood';
