// Home Assistant MQTT discovery: announces the simulated home devices and the car (retained configs under
// `homeassistant/<component>/<node_id>/<object_id>/config`, built in ha-entities.ts), announces them again whenever
// HA says `online` on `homeassistant/status` (HA restarted and forgot them), and turns what HA publishes on a
// device's command topics into bus commands to that device. HA sits on the home network, so its commands enter
// the bus at the home gateway; the device's new state comes back to HA through the mirror's state topic.
import type { Simulation } from '../../twins';
import { gatewayAddress } from '../../twins/bus/addresses';
import type { Intent } from '../../twins/sim/ecosystem-codec';
import type { Json } from '../../twins/kernel/types';
import { translateHaCommand } from './ha-commands';
import { configTopic, homeDeviceEntities, vehicleEntities, type HaEntity } from './ha-entities';
import type { MqttSession } from './mqtt-session';
import type { TopicScheme } from './topics';

export interface HaDiscoveryOptions {
  /** HA's discovery prefix (default `homeassistant`). */
  prefix?: string;
}

export interface HaDiscoveryStats {
  entities: number;
  announcements: number;
  commands: number;
  rejectedCommands: number;
}

export interface HaDiscovery {
  entities: readonly HaEntity[];
  stats(): HaDiscoveryStats;
  /** Publish every config again (what an HA `online` birth message triggers). */
  announce(): void;
  stop(): void;
}

export async function startHaDiscovery(sim: Simulation, session: MqttSession, topics: TopicScheme, options: HaDiscoveryOptions = {}): Promise<HaDiscovery> {
  const prefix = options.prefix ?? 'homeassistant';
  const counts = { announcements: 0, commands: 0, rejectedCommands: 0 };
  const entities: HaEntity[] = [];
  for (const home of sim.homes.values()) for (const device of home.devices.values()) entities.push(...homeDeviceEntities(home.id, device, topics));
  for (const vehicle of sim.vehicles.values()) entities.push(...vehicleEntities(vehicle, topics));

  const announce = (): void => {
    session.publish(topics.status(), 'online', { qos: 1, retain: true });
    for (const entity of entities) session.publish(configTopic(prefix, entity), entity.config, { qos: 1, retain: true });
    counts.announcements++;
  };

  const reply = (address: string, body: { [key: string]: Json }): void => session.publish(topics.twin(address, 'response'), body, { qos: 0 });

  const onCommand = (topic: string, raw: Buffer): void => {
    const parsed = topics.parseCommand(topic);
    if (parsed === undefined) return;
    const payload = raw.toString('utf8');
    const twin = sim.twin(parsed.address);
    const translated = twin === undefined ? undefined : translateHaCommand(twin.kind, parsed.attribute, payload, topic);
    if (twin === undefined || translated === undefined || !translated.ok) {
      counts.rejectedCommands++;
      reply(parsed.address, { ok: false, topic, error: translated === undefined ? `no device ${parsed.address}` : !translated.ok ? translated.error : '' });
      return;
    }
    const command = translated.command;
    counts.commands++;
    const homeId = parsed.address.split('/')[1]!;
    const intent: Intent = { capability: twin.kind, name: command.name, deviceId: parsed.address.split('/')[2]!, attributes: command.attributes };
    sim.sendFromHome(gatewayAddress(homeId), parsed.address, intent, 'command', {
      onResponse: (_env, answer) => reply(parsed.address, { ok: answer?.success !== false, command: command.name, ...(answer?.error ? { error: answer.error } : {}) }),
      onFailure: (reason) => reply(parsed.address, { ok: false, command: command.name, error: reason }),
    });
  };

  const unsubscribes: (() => void)[] = [];
  for (const filter of topics.commandFilters()) unsubscribes.push(await session.subscribe(filter, onCommand));
  unsubscribes.push(await session.subscribe(`${prefix}/status`, (_topic, payload) => {
    if (payload.toString('utf8') === 'online') announce();
  }));
  announce();

  return {
    entities,
    stats: () => ({ entities: entities.length, ...counts }),
    announce,
    stop() {
      for (const unsubscribe of unsubscribes.splice(0)) unsubscribe();
    },
  };
}
