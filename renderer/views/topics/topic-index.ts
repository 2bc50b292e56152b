// The run's messages as a topic tree, like MQTT Explorer's: each message filed under the device it concerns (the
// destination of a command or query, the source of an event or response) and then its topic, so
// `home/h1/evse.wallbox/evse/set_power_limit` gathers every power limit that wallbox was sent and answered.
// Built incrementally from the message log — each update reads only the messages that arrived since the last — and
// it keeps ids, not envelopes, so it always shows a message's latest state (a hop delivered, a translation).
import type { Envelope } from '../../../protocol';
import type { MessageLog } from '../../state/message-log';

/** Messages remembered per topic for its history, its diffs and its chart. */
export const HISTORY_PER_TOPIC = 200;

export interface TopicNode {
  name: string;
  /** Full path from the root, `/`-joined. */
  path: string;
  children: Map<string, TopicNode>;
  /** Messages filed exactly here. */
  count: number;
  /** Messages here and below. */
  total: number;
  /** Ids of the newest messages filed here, oldest first (at most HISTORY_PER_TOPIC). */
  history: string[];
}

export function topicPathOf(envelope: Pick<Envelope, 'kind' | 'source' | 'destination' | 'topic'>): string[] {
  const device = envelope.kind === 'command' || envelope.kind === 'query' ? envelope.destination : envelope.source;
  return [...device.split('/'), ...envelope.topic.split('/')].filter((part) => part !== '');
}

const node = (name: string, path: string): TopicNode => ({ name, path, children: new Map(), count: 0, total: 0, history: [] });

export class TopicIndex {
  readonly root: TopicNode = node('', '');
  private readonly byPath = new Map<string, TopicNode>();
  /** Sequence number of the next message of the log to file. */
  private nextSeq = 0;
  private epoch = -1;

  constructor(private readonly log: MessageLog) {}

  /** Files what arrived since the last call; starts over when the log did (a new run). True when anything changed. */
  update(): boolean {
    if (this.log.epoch !== this.epoch) {
      this.epoch = this.log.epoch;
      this.root.children.clear();
      this.root.count = this.root.total = 0;
      this.byPath.clear();
      this.nextSeq = 0;
    }
    const first = this.log.firstSeq;
    const end = first + this.log.size;
    const from = Math.max(this.nextSeq, first); // evicted unseen messages are gone from the log: counted no more
    for (let seq = from; seq < end; seq++) this.file(this.log.at(seq - first)!);
    const changed = end > this.nextSeq;
    this.nextSeq = end;
    return changed;
  }

  get(path: string): TopicNode | undefined {
    return path === '' ? this.root : this.byPath.get(path);
  }

  private file(envelope: Envelope): void {
    let at = this.root;
    at.total++;
    for (const part of topicPathOf(envelope)) {
      let child = at.children.get(part);
      if (child === undefined) {
        const path = at.path === '' ? part : `${at.path}/${part}`;
        child = node(part, path);
        at.children.set(part, child);
        this.byPath.set(path, child);
      }
      at = child;
      at.total++;
    }
    at.count++;
    at.history.push(envelope.id);
    if (at.history.length > HISTORY_PER_TOPIC * 2) at.history.splice(0, at.history.length - HISTORY_PER_TOPIC);
  }
}

/** The newest `HISTORY_PER_TOPIC` messages of a topic still in the log, oldest first. */
export function topicHistory(topic: TopicNode, log: Pick<MessageLog, 'get'>): Envelope[] {
  return topic.history.slice(-HISTORY_PER_TOPIC).flatMap((id) => log.get(id) ?? []);
}
