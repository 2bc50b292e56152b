// `twinbench mcp [scenario.yaml]`: the world as a Model Context Protocol server an agent connects to — over stdio
// (the agent starts this command) or, with --http PORT, over Streamable HTTP on 127.0.0.1. The agent is a paired
// party of the world; its commands are messages of the run, recorded and judged like any other (the run is judged
// and recorded when another scenario is loaded or the session ends). stdout carries only the protocol, so
// everything this command says goes to stderr.
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { fileURLToPath } from 'node:url';
import { createAgentServer } from '../mcp/agent-server';
import { AgentSession } from '../mcp/agent-session';
import { startAgentHttp } from '../mcp/agent-http';
import { judgeDrivenRun } from '../runner/run-scenario';
import { formatIssue, type ResolvedScenario } from '../scenario';
import { CliError, UsageError } from './cli-errors';
import { defineCommand, type CliIo } from './command-spec';
import { version } from './version';
import { attachRunOutputs } from './run-outputs';
import { parseSeed } from './run-options';
import { loadScenarioOrIssues, RECORD_OPTIONS, type LoadedScenario, recordFlags, scenarioToRun } from './run-args';

const DEFAULT_SCENARIO = fileURLToPath(new URL('../../scenarios/doorbell.yaml', import.meta.url));

/**
 * A scenario file, or an error whose message lists its problems with file:line:column. Only YAML files: an agent
 * names the file (load_scenario), and the parse errors of some other file would quote its lines back to it.
 */
export function loadScenario(file: string): ResolvedScenario {
  if (!/\.ya?ml$/i.test(file)) throw new CliError(`${file}: a scenario is a .yaml file`);
  let loaded: LoadedScenario;
  try {
    loaded = loadScenarioOrIssues(file);
  } catch (err) {
    throw new CliError(`${file}: ${(err as Error).message.split('\n')[0]}`, 1, { cause: err });
  }
  if ('issues' in loaded) throw new CliError(`${file} is not a valid scenario:\n${loaded.issues.map(formatIssue).join('\n')}`);
  return loaded.scenario;
}

export const mcpCommand = defineCommand(
  {
    name: 'mcp',
    args: '[scenario.yaml]',
    positionals: { min: 0, max: 1 },
    summary: 'the world as an MCP server for AI agents (stdio, or HTTP on 127.0.0.1)',
    description:
      'Speaks MCP over stdio (an agent starts this command) or, with --http, over Streamable HTTP on 127.0.0.1.\n' +
      'The agent is the paired party party/mcp-agent: its commands travel the bus, signed and authorised like any\n' +
      'other; critical ones need a grant (--grant) and, for a door, the occupant\'s confirmation. The virtual clock\n' +
      'moves only when the agent runs it (advance_time, or play … pause). Without a file: scenarios/doorbell.yaml.',
    options: {
      arch: { type: 'string', value: 'A', help: 'architecture (default: the scenario\'s first)' },
      seed: { type: 'string', value: 'N', help: 'seed (default: the scenario\'s)' },
      http: { type: 'string', value: 'PORT', help: 'serve Streamable HTTP at http://127.0.0.1:PORT/mcp instead of stdio (0 = any free port)' },
      grant: { type: 'string', multiple: true, value: 'SCOPE', help: 'a scope granted to the agent beyond the non-critical ones, e.g. home.lock:unlock' },
      ...RECORD_OPTIONS,
    },
    footer: 'Tools: list_capabilities, invoke_capability, get_twin_state, advance_time, load_scenario, play, pause.\n' +
      'Resources: twin://<address> (twin state), vss://vehicle/<id> (VSS signals).',
  },
  async ({ values, positionals }, io) => {
    const record = recordFlags(values);
    const seed = parseSeed(values.seed);
    let port: number | undefined;
    if (values.http !== undefined) {
      if (!/^\d+$/.test(values.http) || Number(values.http) > 65535) throw new UsageError(`--http takes a port number 0–65535, got "${values.http}"`);
      port = Number(values.http);
    }
    const loaded = loadScenario(positionals[0] ?? DEFAULT_SCENARIO);
    if (values.arch === 'all') throw new UsageError('--arch takes one architecture here, not all: an agent acts in one world at a time');
    const { scenario, architectures } = scenarioToRun(loaded, seed, values.arch);
    const architecture = architectures[0]!;
    // stdout is the protocol's: every line this command writes goes to stderr.
    const quiet: CliIo = { ...io, out: io.err };
    const outputs = await attachRunOutputs(record, quiet);
    const started = performance.now();
    let session: AgentSession;
    try {
      session = new AgentSession(scenario, architecture, {
        grants: values.grant ?? [],
        listenersFor: (s, a) => outputs.listenersFor(s, a),
        // Judged beside the same baseline as `run` (a grid scene's uncontrolled charging, a household's rules).
        onRunEnd: (run) => outputs.onFinish(judgeDrivenRun(run, performance.now() - started)),
      });
    } catch (err) {
      await outputs.close();
      throw new UsageError(`--grant: ${(err as Error).message}`);
    }
    const newServer = () => createAgentServer(session, { loadScenario, version: version() });
    try {
      if (port === undefined) {
        const transport = new StdioServerTransport();
        const closed = new Promise<void>((resolve) => (transport.onclose = resolve));
        await newServer().connect(transport);
        io.err(`twinbench mcp: ${scenario.scenario} (${architecture}, seed ${scenario.seed}) on stdio`);
        await Promise.race([closed, untilSignal(), untilStdinEnds()]);
      } else {
        const http = await listen(newServer, port);
        io.err(`twinbench mcp: ${scenario.scenario} (${architecture}, seed ${scenario.seed})`);
        io.out(`MCP (Streamable HTTP) at ${http.url}`);
        await untilSignal();
        await http.close();
      }
    } finally {
      await session.close();
      await outputs.close();
    }
    return 0;
  },
);

async function listen(newServer: Parameters<typeof startAgentHttp>[0], port: number) {
  try {
    return await startAgentHttp(newServer, port);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new CliError(`port ${port} on 127.0.0.1 is already in use — pick another with --http PORT, or --http 0 for any free port`);
    throw new CliError(`cannot listen on 127.0.0.1:${port} — ${(err as Error).message}`, 1, { cause: err });
  }
}

function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}

function untilStdinEnds(): Promise<void> {
  return new Promise((resolve) => process.stdin.once('end', () => resolve()));
}
