// Video and files between the car and the home (seed §2.2 data hand-over, doorbell, arrival call; §3.4.4(2)).
// The bits travel as flows (twins/sim/flows.ts); what starts, allows and commits them travels as ordinary
// messages under the usual command policy: viewing a home camera is a signed command the car's grant must cover,
// opening a film asks the NAS, an upload is committed to the NAS once its bytes are in, and a call starts only
// after the family said yes on the screen the car asked. A flow whose control message fails never starts, and
// says why (`flow.failed`). The doorbell's picture is two-way: while the driver decides, the visitor and the car
// see each other.
import type { Envelope } from '../../bus/envelope';
import type { FlowSpec } from '../../bus/flow-network';
import type { Intent } from '../ecosystem-codec';
import type { MessageOptions, SimApp, Simulation } from '../simulation';
import type { EmittedEvent, TwinActor } from '../twin-actor';

export interface StreamOrder {
  id: string;
  /** Where the picture comes from (a home camera, the NAS, the car) and who watches it. */
  from: string;
  to: string;
  bitrateKbps: number;
  durationMs?: number;
  startupMs?: number;
  /** A return stream `to` → `from` at the same bitrate (a call), id `<id>-return`. */
  twoWay?: boolean;
  /** Ask this question on `to` (a home screen) first; the flows start only once it is confirmed. */
  ask?: string;
}

export interface TransferOrder {
  id: string;
  from: string;
  to: string;
  sizeBytes: number;
}

/** Typical rates: an HD (720p) video call or doorbell picture, H.264. */
export const CALL_BITRATE_KBPS = 1_500;
const DOORBELL_VIDEO_MS = 30_000;

const isCamera = (address: string): boolean => /^home\/[^/]+\/camera\./.test(address);
const isStorage = (address: string): boolean => /^home\/[^/]+\/storage\./.test(address);
const entityOf = (address: string): string => address.split('/').pop()!;
export const returnFlowId = (id: string): string => `${id}-return`;

export class MediaApp implements SimApp {
  /** Calls waiting for the family's answer, by prompt id. */
  private readonly asked = new Map<string, StreamOrder>();
  /** Doorbell pictures by the prompt they accompany. */
  private readonly doorbellVideo = new Map<string, string>();

  constructor(private readonly sim: Simulation) {
    sim.flows.onFinished((how, spec, bytes) => {
      // The viewer leaves the camera: it stops counting it (a camera stream that never started had no viewer).
      if (isCamera(spec.from)) this.send(spec.to, spec.from, { capability: 'camera', name: 'stop_stream', deviceId: entityOf(spec.from), attributes: {} });
      // What reached the NAS is committed there: a finished upload, or the recording of a relayed stream.
      if (!isStorage(spec.to) || (how === 'failed' && spec.kind === 'transfer')) return;
      this.send(spec.from, spec.to, { capability: 'storage', name: 'save_clip', deviceId: entityOf(spec.to), attributes: { clip_id: spec.id, size_bytes: bytes } });
    });
  }

  stream(order: StreamOrder): void {
    if (order.ask === undefined) return this.open(order);
    const promptId = `call:${order.id}`;
    this.asked.set(promptId, order);
    this.send(order.from, order.to, { capability: 'screen', name: 'prompt', deviceId: entityOf(order.to), attributes: { prompt_id: promptId, title: order.ask } }, {
      onResponse: (_r, intent) => {
        if (intent?.success !== true) this.refuse(order, `${order.to} did not show the question: ${intent?.error ?? 'unreadable answer'}`);
      },
      onFailure: (reason) => this.refuse(order, `the question never reached ${order.to} (${reason})`),
    });
  }

  transfer(order: TransferOrder): void {
    this.sim.flows.start({ id: order.id, kind: 'transfer', from: order.from, to: order.to, sizeBytes: order.sizeBytes });
  }

  /** The viewer closes the picture (both directions of a call). */
  stop(id: string): boolean {
    const stopped = this.sim.flows.stop(id, 'stopped');
    return this.sim.flows.stop(returnFlowId(id), 'stopped') || stopped;
  }

  onTwinEvent(twin: TwinActor, event: EmittedEvent): void {
    const promptId = String(event.promptId);
    if (event.type === 'prompt.answered') {
      const order = this.asked.get(promptId);
      if (order !== undefined && twin.id === order.to) {
        this.asked.delete(promptId);
        if (event.answer === 'confirmed') this.open(order);
        else this.refuse(order, `${order.to} answered ${String(event.answer)}`);
      }
      const video = this.doorbellVideo.get(promptId);
      if (video !== undefined) {
        this.doorbellVideo.delete(promptId);
        this.stop(video);
      }
    } else if (event.type === 'prompt.shown' && promptId.startsWith('doorbell:') && /^vehicle\/[^/]+\/screen$/.test(twin.id)) {
      this.doorbell(twin.id.slice(0, -'/screen'.length), promptId);
    }
  }

  /** Visitor ⇄ car while the driver decides: the camera's picture to the car, the driver's back to the door. */
  private doorbell(vehicle: string, promptId: string): void {
    const homeId = promptId.split(':')[1] ?? '';
    const camera = this.sim.homes.get(homeId)?.firstOfType('camera');
    if (camera === undefined) return;
    const id = `doorbell-${vehicle.split('/')[1]}-${promptId.split(':')[2] ?? '1'}`;
    this.doorbellVideo.set(promptId, id);
    this.open({ id, from: camera.id, to: vehicle, bitrateKbps: CALL_BITRATE_KBPS, twoWay: true, durationMs: DOORBELL_VIDEO_MS });
  }

  /** The control message the source needs before it sends anything, then the flow(s). */
  private open(order: StreamOrder): void {
    const start = (): void => {
      const spec = (id: string, from: string, to: string): FlowSpec => ({
        id, kind: 'stream', from, to, bitrateKbps: order.bitrateKbps,
        ...(order.durationMs !== undefined ? { durationMs: order.durationMs } : {}), ...(order.startupMs !== undefined ? { startupMs: order.startupMs } : {}),
      });
      this.sim.flows.start(spec(order.id, order.from, order.to));
      if (order.twoWay) this.sim.flows.start(spec(returnFlowId(order.id), order.to, order.from));
    };
    const control: Intent | undefined = isCamera(order.from)
      ? { capability: 'camera', name: 'play_stream', deviceId: entityOf(order.from), attributes: {} }
      : isStorage(order.from)
        ? { capability: 'storage', name: 'open_media', deviceId: entityOf(order.from), attributes: { media_content_id: order.id } }
        : undefined;
    if (control === undefined) return start();
    this.send(order.to, order.from, control, {
      onResponse: (_r, intent) => (intent?.success === true ? start() : this.refuse(order, `${order.from} refused: ${intent?.error ?? 'unreadable answer'}`)),
      onFailure: (reason) => this.refuse(order, `${control.capability}/${control.name} to ${order.from} failed (${reason})`),
    });
  }

  private refuse(order: StreamOrder, reason: string): void {
    this.sim.flows.network.refuse({ id: order.id, kind: 'stream', from: order.from, to: order.to, bitrateKbps: order.bitrateKbps }, reason);
  }

  /** A command in the sender's own ecosystem: the car's are signed when critical (viewing a camera is). */
  private send(from: string, to: string, intent: Intent, options: MessageOptions = {}): Envelope {
    return from.startsWith('vehicle/')
      ? this.sim.sendFromCar(from.split('/')[1]!, to, intent, 'command', options)
      : this.sim.sendFromHome(from, to, intent, 'command', options);
  }
}
