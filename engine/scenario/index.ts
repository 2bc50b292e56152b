// The scenario file format and its loader: what the CLI (`twinbench run|validate`) and the engine use to
// turn scenarios/*.yaml into a typed, validated ResolvedScenario, or into file:line:column errors.
export { loadScenarioFile, loadScenarioText, validateScenarioFiles } from './loader';
export type { LoadOptions, LoadedScenario, ResolvedScenario } from './loader';
export { ScenarioError, formatIssue } from './issues';
export { SCENARIO_LIMITS } from './limits';
export { realEndpointNeeded, type RealEndpointNeed } from './real-endpoints';
export type { ScenarioIssue } from './issues';
export { ScenarioSchema } from './schema';
export type { ScenarioDocument, ScenarioInput } from './schema';
export { scenarioJsonSchema, scenarioJsonSchemaText } from './json-schema';
export type { Action, ActionKind } from './schema-actions';
export { ACTION_KINDS, FAULT_KINDS } from './schema-actions';
export type { Expectation, ExpectationKind, FailCondition, Step, Trigger } from './schema-steps';
export { EXPECTATION_KINDS } from './schema-steps';
export type { Home } from './schema-entities';
export { GATEWAY_STATES } from './schema-entities';
export type { Device, DeviceType } from './schema-devices';
export { DEVICE_TYPES, STANDARD_HOME_DEVICES, standardDevices } from './schema-devices';
export type { LinkId } from './schema-links';
export { LINK_IDS } from './schema-links';
export type { MapSpec } from './schema-map';
export type { ParameterDeclaration, ParameterType, ParameterValue } from './parameters';
export { formatDuration, parseDuration, parseStartTime, parseTimeOfDay } from './durations';
export type { StartTime } from './durations';
export { normalizeTwinRef, parseTwinRef, twinAddress } from './twin-refs';
export type { TwinRef } from './twin-refs';
