// The engine⇄renderer contract (types and channel constants): importable by engine/, renderer/ and electron/.
export * from './api';
export * from './channels';
export type * from './wire';
export * from './limits';
export * from './envelope-update';
