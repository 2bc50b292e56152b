// matter.js's own controller, for tests: a ServerNode with the controller behaviour that commissions a bridge at a
// known UDP address, then talks to it like any paired controller. No step needs multicast DNS: commissioning (PASE)
// goes to the known address instead of a discovered one, and for the operational (CASE) reconnection that follows
// — which matter.js would otherwise resolve by DNS-SD — the new peer is given the same address as its operational
// one as soon as it exists, so matter.js falls back to it when mDNS finds nothing (as on `lo`, where multicast to
// ff02::fb fails with ENETUNREACH).
import { ControllerBehavior, ServerNode } from '@matter/main';
import type { ClientNode } from '@matter/main';
import { PeerSet } from '@matter/main/protocol';
import { NodeId } from '@matter/main/types';

export interface BridgedPeerEndpoint {
  state: Record<string, Record<string, unknown>>;
  commandsOf(type: unknown): Record<string, (request?: unknown) => Promise<unknown>>;
  /** A remote attribute write, e.g. `{ fanControl: { percentSetting: 40 } }`. */
  set(values: Record<string, Record<string, unknown>>): Promise<void>;
  behaviors: { supported: Record<string, unknown> };
}

export interface TestController {
  node: ServerNode;
  peer: ClientNode;
  /** Milliseconds from the first PASE message to a commissioned, subscribed peer. */
  commissionMs: number;
  /** The bridged endpoint whose node label is `entityId` (e.g. `light.hallway`). */
  endpoint(entityId: string): BridgedPeerEndpoint;
  close(): Promise<void>;
}

/** The node id the bridge gets on the controller's fabric. */
const BRIDGE_NODE_ID = NodeId(0x7001);

interface AddedPeer {
  address: { nodeId: NodeId };
  descriptor: { operationalAddress?: { type: 'udp'; ip: string; port: number } };
}

export async function commissionAt(ip: string, port: number, passcode: number, discriminator: number): Promise<TestController> {
  const node = await ServerNode.create(ServerNode.RootEndpoint.with(ControllerBehavior), {
    id: `test-controller-${port}`, network: { port: 0 }, commissioning: { enabled: false },
  } as never);
  await node.start();
  const added = node.env.get(PeerSet).added;
  const knownAddress = (peer: AddedPeer): void => {
    if (peer.address.nodeId === BRIDGE_NODE_ID) peer.descriptor.operationalAddress = { type: 'udp', ip, port };
  };
  added.on(knownAddress as never);
  try {
    const started = performance.now();
    const peer = await node.peers.forDescriptor({ addresses: [{ type: 'udp', ip, port }], discriminator } as never);
    await peer.commission({ passcode, nodeId: BRIDGE_NODE_ID });
    const commissionMs = performance.now() - started;
    const endpoints = (): BridgedPeerEndpoint[] => [...(peer as unknown as { endpoints: Iterable<BridgedPeerEndpoint> }).endpoints];
    return {
      node, peer, commissionMs,
      endpoint(entityId) {
        const found = endpoints().find((e) => e.state.bridgedDeviceBasicInformation?.nodeLabel === entityId);
        if (found === undefined) throw new Error(`the bridge has no endpoint labelled ${entityId}`);
        return found;
      },
      close: async () => {
        added.off(knownAddress as never);
        await node.close();
      },
    };
  } catch (err) {
    added.off(knownAddress as never);
    await node.close();
    throw err;
  }
}
