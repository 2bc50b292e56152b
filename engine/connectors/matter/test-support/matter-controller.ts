// matter.js's own controller, for tests: a ServerNode with the controller behaviour that commissions a bridge at a
// known UDP address (no commissionable-node discovery), then talks to it like any paired controller. After the
// commissioning over PASE, matter.js finds the bridge's operational address by DNS-SD (mDNS); that works on this
// machine's network interface, but not on `lo` alone (multicast to ff02::fb fails with ENETUNREACH there).
import { ControllerBehavior, ServerNode } from '@matter/main';
import type { ClientNode } from '@matter/main';

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

export async function commissionAt(ip: string, port: number, passcode: number, discriminator: number): Promise<TestController> {
  const node = await ServerNode.create(ServerNode.RootEndpoint.with(ControllerBehavior), {
    id: `test-controller-${port}`, network: { port: 0 }, commissioning: { enabled: false },
  } as never);
  await node.start();
  try {
    const started = performance.now();
    const peer = await node.peers.forDescriptor({ addresses: [{ type: 'udp', ip, port }], discriminator } as never);
    await peer.commission({ passcode });
    const commissionMs = performance.now() - started;
    const endpoints = (): BridgedPeerEndpoint[] => [...(peer as unknown as { endpoints: Iterable<BridgedPeerEndpoint> }).endpoints];
    return {
      node, peer, commissionMs,
      endpoint(entityId) {
        const found = endpoints().find((e) => e.state.bridgedDeviceBasicInformation?.nodeLabel === entityId);
        if (found === undefined) throw new Error(`the bridge has no endpoint labelled ${entityId}`);
        return found;
      },
      close: () => node.close(),
    };
  } catch (err) {
    await node.close();
    throw err;
  }
}
