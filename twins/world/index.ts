// The simulated world: city maps (generated or loaded from GeoJSON), fastest routes, vehicle motion and
// energy as functions of virtual time, and geofence crossings solved ahead of time.

export * from './geometry';
export * from './projection';
export * from './road-graph';
export * from './spatial-index';
export * from './connectivity';
export * from './city-map';
export { generateCity, type CityOptions } from './city-generator';
export { loadGeoJsonMap, type GeoJsonMapOptions } from './geojson-map';
export { MapLoadError } from './map-load-error';
export { findJsonSyntaxError, findTopLevelArrayElement, positionAt as jsonTextPositionAt, type TextPosition, type JsonSyntaxProblem } from './json-locate';
export * from './routing';
export * from './energy';
export * from './motion';
export * from './geofence';
export { cityToGeoJson } from './geojson-export';
export * from './floods';
export * from './reroute';
export * from './eta';
