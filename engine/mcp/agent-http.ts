// MCP over Streamable HTTP on the loopback interface, at `/mcp`. Stateless, as the SDK's stateless example: each
// request gets a fresh McpServer and transport over the one shared AgentSession (the world is the state, not the
// connection). The SDK's DNS-rebinding protection is on: only a Host of 127.0.0.1/localhost on our port, and no
// foreign Origin, is served, so a web page the user visits cannot drive the twins through the browser. Bodies are
// read here with a cap, so a huge or malformed request is a JSON-RPC error, not memory or a crash.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

export const MCP_PATH = '/mcp';
const MAX_BODY_BYTES = 1_000_000;

export interface AgentHttp {
  url: string;
  close(): Promise<void>;
}

function rpcError(res: ServerResponse, status: number, code: number, message: string): void {
  if (res.headersSent) return void res.end();
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ jsonrpc: '2.0', error: { code, message }, id: null }));
}

/**
 * The request body, or undefined (answered already) when it is too large: the answer goes out at once and the rest
 * is read and dropped, so the client sees a 413 rather than a reset connection.
 */
async function readBody(req: IncomingMessage, res: ServerResponse): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) {
      if (!res.headersSent) {
        res.setHeader('connection', 'close');
        rpcError(res, 413, -32600, `request body over ${MAX_BODY_BYTES} bytes`);
      }
      continue;
    }
    chunks.push(chunk as Buffer);
  }
  return size > MAX_BODY_BYTES ? undefined : Buffer.concat(chunks).toString('utf8');
}

export async function startAgentHttp(newServer: () => McpServer, port: number): Promise<AgentHttp> {
  let allowed: { hosts: string[]; origins: string[] } = { hosts: [], origins: [] };
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (new URL(req.url ?? '/', 'http://127.0.0.1').pathname !== MCP_PATH) return rpcError(res, 404, -32601, `not found; the MCP endpoint is ${MCP_PATH}`);
    let parsed: unknown;
    if (req.method === 'POST') {
      const body = await readBody(req, res);
      if (body === undefined) return;
      try {
        parsed = JSON.parse(body);
      } catch {
        return rpcError(res, 400, -32700, 'parse error: the body is not JSON');
      }
    }
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
      enableJsonResponse: true,
      enableDnsRebindingProtection: true,
      allowedHosts: allowed.hosts,
      allowedOrigins: allowed.origins,
    });
    const server = newServer();
    res.on('close', () => {
      void transport.close();
      void server.close();
    });
    await server.connect(transport);
    await transport.handleRequest(req, res, parsed);
  };
  const http = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => rpcError(res, 500, -32603, `internal error: ${(err as Error).message.split('\n')[0]}`));
  });
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(port, '127.0.0.1', () => resolve());
  });
  const bound = (http.address() as AddressInfo).port;
  allowed = {
    hosts: [`127.0.0.1:${bound}`, `localhost:${bound}`],
    origins: [`http://127.0.0.1:${bound}`, `http://localhost:${bound}`],
  };
  return {
    url: `http://127.0.0.1:${bound}${MCP_PATH}`,
    close: () => new Promise<void>((resolve) => {
      http.closeAllConnections();
      http.close(() => resolve());
    }),
  };
}
