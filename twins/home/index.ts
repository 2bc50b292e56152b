// Public surface of the home twins: one XState machine per device type (Home Assistant / Matter
// vocabulary), the shared screen machine, their lazy physics, and the household meter functions.
export * from './binary-sensor.machine';
export * from './camera.machine';
export * from './charging-profile';
export * from './climate.machine';
export * from './cover.machine';
export * from './devices';
export * from './evse.machine';
export * from './fan.machine';
export * from './light.machine';
export * from './lock.machine';
export * from './media-player.machine';
export * from './meter';
export * from './room-thermal';
export * from './screen.machine';
export * from './storage.machine';
export * from './vacuum.machine';
