// The gateway twins of a run, created on first use from their address, running on the kernel's virtual clock,
// and offered to the bus as its GatewayDirectory. Fault injection goes through `send(address, event)`
// (GATEWAY.FAIL / DEGRADE / RECOVER, WAN.DOWN, PROJECTION.DISCONNECT…); every change of a gateway's state is a
// `gateway.state` event in the canonical stream.
import { createActor, type AnyActorRef, type AnyStateMachine } from 'xstate';
import { homeCloudAddress, parseAddress, vehicleCloudAddress, type ParsedAddress } from '../bus/addresses';
import type { GatewayDirectory, NodeCondition, PayloadTranslator } from '../bus/nodes';
import type { Json, KernelContext, Scheduler, TimerHandle } from '../kernel/types';
import {
  healthOf,
  hubBlockedReason,
  newCondition,
  summaryOf,
  updateInterfaceCondition,
  updateNodeCondition,
  type GatewayView,
} from './gateway-conditions';
import type { GatewayEvent, GatewayInput, GatewayRole, HealthStatus } from './gateway-health';
import { homeCloudMachine } from './home-cloud.machine';
import { homeGatewayMachine } from './home-gateway.machine';
import type { BrandSpec } from './brand-adapter';
import { createBrandCloudTranslator, createBrandHub, type HubAdapterConfig } from './brand-translation';
import { createHubTranslator } from './hub-translation';
import { hubMachine } from './hub.machine';
import { localLinkMachine } from './local-link.machine';
import { phoneProxyMachine } from './phone-proxy.machine';
import { vehicleCloudMachine } from './vehicle-cloud.machine';

export interface GatewayFleetOptions {
  kernel: KernelContext;
  /** VIN of a vehicle id, used by the hub in vehicle-cloud messages (default: the vehicle id). */
  vinOf?: (vehicleId: string) => string;
  /** Per-role processing time overrides, in ms. */
  processingMs?: Partial<Record<GatewayRole, number>>;
  /** Brands whose clouds (vehicle-cloud/<brand>, home-cloud/<brand>) speak their own schemas to the hub. */
  brands?: readonly BrandSpec[];
  /** The hub's adapters for those brands: by default one per brand, exact. */
  hubAdapters?: HubAdapterConfig;
}

interface GatewayTwin {
  address: string;
  role: GatewayRole;
  actor: AnyActorRef;
  view: GatewayView;
  /** The gateway as a node on paths. */
  node: NodeCondition;
  /** Its own failing interface (WAN, projection, radio); undefined for roles without one. */
  linkInterface: NodeCondition | undefined;
  summary: string;
}

/** The machine of each gateway role; the name catalogue reads the regions `gateway.state` reports from it. */
export const GATEWAY_MACHINES: Record<GatewayRole, AnyStateMachine> = {
  'vehicle-cloud': vehicleCloudMachine,
  'home-cloud': homeCloudMachine,
  hub: hubMachine,
  'home-gateway': homeGatewayMachine,
  'phone-proxy': phoneProxyMachine,
  'local-link': localLinkMachine,
};

const ROLE_OF: Partial<Record<ParsedAddress['kind'], GatewayRole>> = {
  'vehicle-cloud': 'vehicle-cloud',
  'home-cloud': 'home-cloud',
  hub: 'hub',
  gateway: 'home-gateway',
  phone: 'phone-proxy',
  'local-link': 'local-link',
};

/** XState's clock on the kernel scheduler, so `after` and delayed events run on virtual time. */
export function schedulerClock(scheduler: Scheduler) {
  return {
    setTimeout: (fn: (...args: unknown[]) => void, timeout: number): TimerHandle => scheduler.schedule(timeout, fn as () => void),
    clearTimeout: (handle: unknown): void => scheduler.cancel(handle as TimerHandle),
  };
}

export class GatewayFleet implements GatewayDirectory {
  private readonly twins = new Map<string, GatewayTwin>();
  private readonly clock: ReturnType<typeof schedulerClock>;
  private readonly hubTranslator: PayloadTranslator;
  /** Brand clouds by address, with their translator and processing time. */
  private readonly brandClouds = new Map<string, { brand: BrandSpec; translator: PayloadTranslator }>();

  constructor(private readonly options: GatewayFleetOptions) {
    this.clock = schedulerClock(options.kernel.scheduler);
    const canonical = createHubTranslator({
      vinOf: options.vinOf,
      blockedReason: () => hubBlockedReason(this.twin('hub')!.view),
    });
    const brands = options.brands ?? [];
    this.hubTranslator = brands.length === 0 ? canonical : createBrandHub(canonical, brands, options.hubAdapters);
    for (const brand of brands) {
      const address = brand.side === 'vehicle' ? vehicleCloudAddress(brand.id) : homeCloudAddress(brand.id);
      this.brandClouds.set(address, { brand, translator: createBrandCloudTranslator(brand) });
    }
  }

  /** The role an address plays, or undefined for endpoints (cars, devices). */
  static roleOf(address: string): GatewayRole | undefined {
    const parsed = parseAddress(address);
    return parsed === undefined ? undefined : ROLE_OF[parsed.kind];
  }

  node(address: string): NodeCondition | undefined {
    return this.twin(address)?.node;
  }

  linkInterface(address: string, linkId: string): NodeCondition | undefined {
    const parsed = parseAddress(address);
    if (parsed?.kind === 'gateway') {
      if (linkId === 'home-broadband') return this.twin(address)!.linkInterface;
      if (linkId === 'near-field') return this.twin(`local/${parsed.homeId}`)!.linkInterface;
    }
    if (parsed?.kind === 'phone' && linkId === 'projection') return this.twin(address)!.linkInterface;
    return undefined;
  }

  translator(address: string): PayloadTranslator | undefined {
    return address === 'hub' ? this.hubTranslator : this.brandClouds.get(address)?.translator;
  }

  /** The twin at a gateway address, created (online) on first use; undefined for non-gateway addresses. */
  twin(address: string): GatewayTwin | undefined {
    let twin = this.twins.get(address);
    if (twin === undefined) {
      const role = GatewayFleet.roleOf(address);
      if (role === undefined) return undefined;
      twin = this.create(address, role);
    }
    return twin;
  }

  send(address: string, event: GatewayEvent): void {
    const twin = this.twin(address);
    if (twin === undefined) throw new Error(`gateways: ${address} is not a gateway (vehicle-cloud, hub, home-cloud, home/<id>/gateway, phone/<id>, local/<id>)`);
    twin.actor.send(event);
  }

  status(address: string): HealthStatus | undefined {
    const twin = this.twin(address);
    return twin === undefined ? undefined : healthOf(twin.view);
  }

  /** State of every region of the twin, e.g. `{ health: 'online', wan: 'down' }`. */
  state(address: string): { [region: string]: string } | undefined {
    return this.twin(address)?.view.value;
  }

  /** Gateways created so far, in creation order. */
  addresses(): string[] {
    return [...this.twins.keys()];
  }

  stop(): void {
    for (const twin of this.twins.values()) twin.actor.stop();
  }

  private create(address: string, role: GatewayRole): GatewayTwin {
    const brand = this.brandClouds.get(address)?.brand;
    const processingMs = brand?.processingMs ?? this.options.processingMs?.[role];
    const input: GatewayInput = {
      address, ...(processingMs !== undefined ? { processingMs } : {}),
      ...(brand?.latencyMs !== undefined ? { baseLatencyMs: brand.latencyMs } : {}), ...(brand?.loss !== undefined ? { baseLoss: brand.loss } : {}),
    };
    const actor = createActor(GATEWAY_MACHINES[role], { input, clock: this.clock });
    const hasInterface = role === 'home-gateway' || role === 'phone-proxy' || role === 'local-link';
    const twin: GatewayTwin = {
      address,
      role,
      actor,
      view: undefined as unknown as GatewayView,
      node: newCondition(),
      linkInterface: hasInterface ? newCondition() : undefined,
      summary: '',
    };
    this.twins.set(address, twin);
    actor.start();
    // The initial state is not news: only later changes become `gateway.state` events.
    this.update(twin, actor.getSnapshot() as GatewayView, false);
    actor.subscribe((snapshot) => this.update(twin, snapshot as unknown as GatewayView, true));
    return twin;
  }

  private update(twin: GatewayTwin, view: GatewayView, announce: boolean): void {
    twin.view = view;
    updateNodeCondition(twin.node, view);
    if (twin.linkInterface !== undefined) updateInterfaceCondition(twin.linkInterface, view);
    const summary = summaryOf(view);
    if (summary === twin.summary) return;
    twin.summary = summary;
    if (!announce) return;
    const data: { [key: string]: Json } = { role: twin.role, reason: view.context.reason };
    for (const region of Object.keys(view.value).sort()) data[region] = view.value[region]!;
    this.options.kernel.events.emit('gateway.state', twin.address, data);
  }
}

export function createGatewayFleet(options: GatewayFleetOptions): GatewayFleet {
  return new GatewayFleet(options);
}
