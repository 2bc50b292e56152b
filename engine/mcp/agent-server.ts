// The Model Context Protocol face of an AgentSession: the tools an agent calls and the resources it reads, on the
// SDK's McpServer. Every tool answers JSON text; a refusal or a bad input is a tool error (isError) with the
// reason, never a crash of the session, so an agent can read why and try something else.
import { McpServer, ResourceTemplate } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { ARCHITECTURES, type Architecture } from '../../twins/bus/envelope';
import type { Json } from '../../twins/kernel/types';
import type { ResolvedScenario } from '../scenario';
import { AgentInputError, MAX_ADVANCE_S, type AgentSession } from './agent-session';

export interface AgentServerOptions {
  /** Reads and checks a scenario file; throws with file:line:column for a bad one. */
  loadScenario(file: string): ResolvedScenario;
  version: string;
}

const text = (value: unknown): CallToolResult => ({ content: [{ type: 'text', text: JSON.stringify(value, null, 2) }] });
const failure = (message: string): CallToolResult => ({ isError: true, content: [{ type: 'text', text: message }] });

/** Runs a tool body; what the agent got wrong (or the world refused) is a tool error with the reason. */
function guarded(body: () => CallToolResult): CallToolResult {
  try {
    return body();
  } catch (err) {
    if (err instanceof AgentInputError) return failure(err.message);
    return failure(`failed: ${(err as Error).message.split('\n')[0]}`);
  }
}

export function createAgentServer(session: AgentSession, options: AgentServerOptions): McpServer {
  const server = new McpServer({ name: 'twinbench', version: options.version });

  server.registerTool('list_capabilities', {
    description: 'What every twin of the world can do: for each twin address, its commands (capability/command), the JSON Schema of their data, their effect and whether they are critical (signed, granted and, for a door, confirmed by the occupant).',
    inputSchema: { target: z.string().max(200).optional().describe('one twin (e.g. home/h1/light.living_room); all twins when left out') },
  }, ({ target }) => guarded(() => text(target === undefined ? session.capabilities() : session.describe(target))));

  server.registerTool('invoke_capability', {
    description: 'Send a command to a twin as the paired agent party (party/mcp-agent), through the bus under the run\'s architecture, and run the virtual clock until it is answered. Critical commands are signed as the agent and need a grant; unlocking a door also needs the occupant\'s confirmation. Refusals come back as errors with the reason.',
    inputSchema: {
      target: z.string().max(200).describe('twin address, e.g. home/h1/light.living_room or vehicle/car1'),
      capability: z.string().max(200).describe('capability/command, e.g. light/turn_on (or just the command, e.g. turn_on, when the twin has one such)'),
      data: z.record(z.string(), z.json()).optional().describe('the command\'s attributes, per its input schema'),
      confirmation: z.string().max(200).optional().describe('the id of a prompt the occupant confirmed (the doorbell\'s unlock)'),
    },
  }, ({ target, capability, data, confirmation }) => guarded(() => {
    const twin = session.describe(target);
    const slash = capability.indexOf('/');
    const matches = slash >= 0 ? [capability] : twin.commands.filter((c) => c.command === capability).map((c) => c.topic);
    if (matches.length !== 1) throw new AgentInputError(`${twin.address} has no capability "${capability}"; it has ${twin.commands.map((c) => c.topic).join(', ') || 'none'}`);
    const [cap, command] = matches[0]!.split('/') as [string, string];
    const outcome = session.invoke(twin.address, cap, command, (data ?? {}) as { [key: string]: Json }, confirmation);
    if (!outcome.ok) return { ...failure(`refused: ${outcome.reason}`), structuredContent: outcome as unknown as { [key: string]: unknown } };
    return text(outcome);
  }));

  server.registerTool('ask_occupant_to_unlock', {
    description: 'Ask the occupant, on the home\'s screens, to let you unlock a door (the home shows the question on your behalf). Returns the prompt id; once the occupant confirms (get_twin_state on a screen shows it answered; advance_time lets it happen), name it as the confirmation of invoke_capability lock/unlock. It works once, for you only, within a minute.',
    inputSchema: { target: z.string().max(200).describe('the door lock, e.g. home/h1/lock.front_door') },
  }, ({ target }) => guarded(() => text(session.askToUnlock(target))));

  server.registerTool('get_twin_state', {
    description: 'A twin\'s machine state and context now; for a car (vehicle/car1) its parts and VSS signals.',
    inputSchema: { address: z.string().max(200) },
  }, ({ address }) => guarded(() => text(session.state(address))));

  server.registerTool('advance_time', {
    description: `Run the virtual clock on by this many seconds (at most ${MAX_ADVANCE_S} per call; more is bounded to that).`,
    inputSchema: { seconds: z.number().describe('seconds of virtual time, ≥ 0') },
  }, ({ seconds }) => guarded(() => text(session.advance(seconds))));

  server.registerTool('load_scenario', {
    description: 'Replace the world with a scenario file (YAML), under an architecture (default: its first) and seed (default: its own).',
    inputSchema: {
      file: z.string().max(4096),
      arch: z.enum(ARCHITECTURES as unknown as [Architecture, ...Architecture[]]).optional(),
      seed: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
    },
  }, ({ file, arch, seed }) => guarded(() => {
    let scenario: ResolvedScenario;
    try {
      scenario = options.loadScenario(file);
    } catch (err) {
      throw new AgentInputError((err as Error).message);
    }
    if (seed !== undefined) scenario = { ...scenario, seed };
    const architecture = arch ?? scenario.architectures[0]!;
    session.load(scenario, architecture);
    return text({ scenario: scenario.scenario, architecture, seed: scenario.seed, durationMs: scenario.duration });
  }));

  server.registerTool('play', {
    description: 'Run the virtual clock at real time (1×) in the background until pause. Between calls the clock otherwise stands still.',
  }, () => guarded(() => (session.play(), text({ playing: true, t: session.now }))));

  server.registerTool('pause', {
    description: 'Stop the clock that play started.',
  }, () => guarded(() => (session.pause(), text({ playing: false, t: session.now, events: session.events }))));

  registerResources(server, session);
  return server;
}

function registerResources(server: McpServer, session: AgentSession): void {
  const json = (uri: URL, value: unknown) => ({ contents: [{ uri: uri.href, mimeType: 'application/json', text: JSON.stringify(value, null, 2) }] });
  server.registerResource('twin-state', new ResourceTemplate('twin://{+address}', {
    list: () => ({ resources: session.capabilities().map((t) => ({ uri: `twin://${t.address}`, name: t.address, mimeType: 'application/json' })) }),
  }), { description: 'A twin\'s state and context (twin://home/h1/light.living_room, twin://vehicle/car1)', mimeType: 'application/json' }, (uri, { address }) => {
    return json(uri, session.state(String(address)));
  });
  server.registerResource('vss-signals', new ResourceTemplate('vss://vehicle/{id}', {
    list: () => ({ resources: [...session.run.sim.vehicles.keys()].map((id) => ({ uri: `vss://vehicle/${id}`, name: `VSS signals of ${id}`, mimeType: 'application/json' })) }),
  }), { description: 'A car\'s Vehicle Signal Specification signals now (vss://vehicle/car1)', mimeType: 'application/json' }, (uri, { id }) => {
    return json(uri, session.signals(`vehicle/${String(id)}`));
  });
}
