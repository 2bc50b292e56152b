// The names a scenario may use, generated from the twins' own code: see each module for where they come from.
export * from './emitted-events';
export * from './machine-names';
export * from './topics';
export * from './twin-kinds';
