// Real endpoints a scenario runs against (issue #5): a broker, Home Assistant discovery, OTLP export and parties
// played by real services. Secrets never go in a scenario file: a broker password comes from the environment.
import { z } from 'zod';
import { PASSCODE_RULE, isValidDiscriminator, isValidPasscode } from '../connectors/matter/passcode';
import { Duration } from './schema-kit';

const EndpointUrl = (schemes: string[], what: string) =>
  z.string().refine((url) => schemes.some((scheme) => url.startsWith(`${scheme}://`)), {
    error: (iss) => `not a ${what} URL: ${JSON.stringify(iss.input)}; use ${schemes.map((s) => `${s}://`).join(', ')}`,
  });

/** A scope an enrolled controller may be granted: `home.lock:unlock`, `home.cover:*`, `vehicle.remote:remote_start`. */
const Scope = z
  .string()
  .regex(/^(home|vehicle)\.[A-Za-z]+:([a-z_]+|\*)$/, { error: (iss) => `not a scope: ${JSON.stringify(iss.input)}; write home.<service>:<command> or vehicle.<service>:<command>, e.g. home.lock:unlock` });
const Grants = (who: string) =>
  z.array(Scope).optional().describe(`Scopes ${who} is granted beyond the non-critical ones (critical commands are refused without them; the door also needs the occupant's confirmation).`);

const ExternalParty = z
  .strictObject({
    http: EndpointUrl(['http', 'https'], 'HTTP').optional().describe('Base URL of an HTTP party: requests out, webhooks in.'),
    ws: EndpointUrl(['ws', 'wss'], 'WebSocket').optional().describe('URL of a WebSocket party.'),
    mqtt: z.string().min(1).optional().describe('Topic prefix of an MQTT party on the run\'s broker.'),
    codec: z.enum(['twinbench/v1', 'device-actions/v1']).default('twinbench/v1').describe('Wire schema the party speaks.'),
    timeout: Duration.optional().describe('Wall time to wait for each reply; past it the message fails as a timeout.'),
    grants: Grants('the party (its commands are signed as party/external:<address>)'),
  })
  .refine((p) => [p.http, p.ws, p.mqtt].filter((x) => x !== undefined).length === 1, {
    error: 'an external party needs exactly one endpoint: http, ws or mqtt',
  })
  .meta({ id: 'ExternalParty', description: 'A bus party played by a real endpoint.' });

const OcppConnector = z
  .strictObject({
    url: EndpointUrl(['ws', 'wss'], 'OCPP-J CSMS').describe('CSMS base URL; each wallbox connects to <url>/<wallbox id>. Password: TWINBENCH_OCPP_PASSWORD.'),
    version: z.enum(['1.6', '2.0.1']).default('1.6').describe('OCPP version the charge points speak (OCPP-J).'),
    meterInterval: Duration.optional().describe('Virtual time between MeterValues of a charging wallbox (default 15m).'),
  })
  .meta({ id: 'OcppConnector', description: 'Every wallbox twin is an OCPP charge point of this CSMS.' });
const MatterBridge = z
  .strictObject({
    port: z.int().min(0).max(65535).optional().describe('UDP port of the first home\'s bridge (default 5540; the next homes take the next ports; 0 = any free port).'),
    passcode: z.int().refine(isValidPasscode, { error: `not a valid setup passcode: ${PASSCODE_RULE}` }).optional().describe('Setup passcode (default: a random valid one per bridge, printed with the pairing codes).'),
    discriminator: z.int().refine(isValidDiscriminator, { error: 'a discriminator is 0…4095' }).optional().describe('12-bit discriminator (default: random per bridge).'),
    grants: Grants('the paired Matter controller (party/matter-controller)'),
  })
  .meta({ id: 'MatterBridge', description: 'Each home as a Matter bridge (matter.js).' });

export const ConnectorsSchema = z
  .strictObject({
    broker: z
      .union([z.literal('embedded'), EndpointUrl(['mqtt', 'mqtts', 'ws', 'wss'], 'MQTT broker')])
      .optional()
      .describe('Mirror the run to this MQTT broker (`embedded` starts one on 127.0.0.1). Password: TWINBENCH_BROKER_PASSWORD.'),
    haDiscovery: z.boolean().optional().describe('Announce the simulated home and car to Home Assistant (MQTT discovery).'),
    haGrants: Grants('Home Assistant (party/ha-controller, whoever publishes on the command topics)'),
    otlp: EndpointUrl(['http', 'https'], 'OTLP/HTTP').optional().describe('Export traces to this OTLP/HTTP collector.'),
    matter: z
      .union([z.boolean(), MatterBridge])
      .optional()
      .describe('Expose each home as a Matter bridge a controller (Home Assistant, Apple Home, chip-tool) can pair with.'),
    external: z
      .record(z.string().min(1), ExternalParty)
      .default({})
      .describe('Parties played by real endpoints, by bus address: home-cloud, vehicle-cloud, h1/lock.front_door…'),
    ocpp: OcppConnector.optional().describe('Make every wallbox an OCPP-J charge point of a real CSMS.'),
  })
  .optional()
  .describe('Real endpoints the run connects to; command-line flags override them.');
