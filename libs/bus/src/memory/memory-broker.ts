import type { RawMessage } from '../port';
import type { RecordProcessor } from '../runner';
import type { Semaphore } from './signal';
import { Signal } from './signal';

/** One record in a partition's log. Compaction leaves holes (undefined) behind. */
export interface StoredRecord {
  offset: number;
  key: string | null;
  value: Buffer | null;
  headers: Record<string, string>;
  timestamp: number;
}

class MemoryPartition {
  readonly log: Array<StoredRecord | undefined> = [];
  readonly appended = new Signal();

  append(message: RawMessage): void {
    const offset = this.log.length;
    this.log.push({
      offset,
      key: message.key,
      value: message.value === null ? null : Buffer.from(message.value),
      headers: { ...message.headers },
      timestamp: Date.now(),
    });
    this.appended.notify();
  }

  /** Up to `max` records at or after `offset`, in order, skipping compacted holes. */
  readFrom(offset: number, max: number): StoredRecord[] {
    const records: StoredRecord[] = [];
    for (let o = offset; o < this.log.length && records.length < max; o++) {
      const record = this.log[o];
      if (record !== undefined) records.push(record);
    }
    return records;
  }

  /** Drop every record that a later record with the same key supersedes (Kafka log compaction). */
  compact(): void {
    const latest = new Map<string, number>();
    for (const record of this.log) if (record?.key != null) latest.set(record.key, record.offset);
    for (let o = 0; o < this.log.length; o++) {
      const record = this.log[o];
      if (record?.key != null && latest.get(record.key) !== o) this.log[o] = undefined;
    }
  }
}

export class MemoryTopic {
  readonly partitions: MemoryPartition[];
  private roundRobin = 0;

  constructor(
    readonly name: string,
    partitionCount: number,
    readonly compacted: boolean,
  ) {
    this.partitions = Array.from({ length: Math.max(1, partitionCount) }, () => new MemoryPartition());
  }

  /** Same key → same partition (FNV-1a); no key → round robin. */
  partitionFor(key: string | null): number {
    if (key === null) return this.roundRobin++ % this.partitions.length;
    let hash = 0x811c9dc5;
    for (let i = 0; i < key.length; i++) {
      hash ^= key.charCodeAt(i);
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    return hash % this.partitions.length;
  }
}

/** A member of a consumer group: one subscription of one bus instance. */
export interface MemoryMember {
  readonly id: number;
  readonly topics: readonly string[];
  readonly fromBeginning: boolean;
  readonly semaphore: Semaphore;
  readonly processor: RecordProcessor;
  stopping: boolean;
}

function tpKey(topic: string, partition: number): string {
  return `${topic}\u0000${partition}`;
}

/**
 * Delivers one partition to whichever member of the group owns it, in order, in chunks of
 * what is queued (up to the member's chunk size), committing a chunk after success.
 */
class PartitionWorker {
  owner: MemoryMember | undefined;
  inFlight: { member: MemoryMember; done: Promise<void> } | undefined;
  private position = 0;
  private reset = true;
  private running = false;

  constructor(
    private readonly group: MemoryGroup,
    private readonly topic: MemoryTopic,
    private readonly partition: number,
    private readonly initialPosition: number,
  ) {}

  assign(owner: MemoryMember | undefined): void {
    if (owner === this.owner) return;
    this.owner = owner;
    this.reset = true;
    if (owner !== undefined && !this.running) {
      this.running = true;
      void this.run();
    }
  }

  private get key(): string {
    return tpKey(this.topic.name, this.partition);
  }

  private async run(): Promise<void> {
    const log = this.topic.partitions[this.partition]!;
    for (;;) {
      const owner = this.owner;
      if (owner === undefined) {
        this.running = false;
        return;
      }
      if (this.reset) {
        this.position = this.group.committed.get(this.key) ?? this.initialPosition;
        this.reset = false;
      }
      if (log.readFrom(this.position, 1).length === 0) {
        await Promise.race([log.appended.wait(), this.group.changed.wait()]);
        continue;
      }
      await owner.semaphore.acquire();
      // Read after the wait for a turn, so the chunk holds everything queued by then.
      const records = log.readFrom(this.position, owner.processor.chunkSize);
      const last = records[records.length - 1];
      if (this.owner !== owner || this.reset || owner.stopping || last === undefined) {
        owner.semaphore.release();
        continue;
      }
      let ok = true;
      const done = owner.processor
        .process(
          records.map((record) => ({
            topic: this.topic.name,
            partition: this.partition,
            offset: String(record.offset),
            key: record.key,
            value: record.value === null ? null : Buffer.from(record.value),
            headers: { ...record.headers },
          })),
        )
        .catch(() => {
          ok = false;
        });
      this.inFlight = { member: owner, done };
      await done;
      this.inFlight = undefined;
      owner.semaphore.release();
      if (ok) {
        this.group.committed.set(this.key, last.offset + 1);
        this.position = last.offset + 1;
      } else {
        // Not committed: deliver it again (to whoever owns the partition then) after a pause.
        this.reset = true;
        await Promise.race([new Promise((r) => setTimeout(r, 100)), this.group.changed.wait()]);
      }
    }
  }
}

export class MemoryGroup {
  readonly committed = new Map<string, number>();
  readonly changed = new Signal();
  private readonly members: MemoryMember[] = [];
  private readonly workers = new Map<string, PartitionWorker>();
  private everJoined = false;

  constructor(
    private readonly broker: MemoryBroker,
    readonly id: string,
  ) {}

  join(member: MemoryMember): void {
    const isNewGroup = !this.everJoined && this.committed.size === 0;
    this.everJoined = true;
    for (const name of member.topics) {
      const topic = this.broker.topic(name);
      // A new group reading a compacted topic from the beginning sees the latest value per key.
      if (isNewGroup && topic.compacted && member.fromBeginning) for (const p of topic.partitions) p.compact();
      topic.partitions.forEach((partition, index) => {
        const key = tpKey(name, index);
        if (!this.workers.has(key)) {
          this.workers.set(key, new PartitionWorker(this, topic, index, member.fromBeginning ? 0 : partition.log.length));
        }
      });
    }
    this.members.push(member);
    this.rebalance();
  }

  /** Remove a member; resolves when its in-flight messages are done (handled and committed, or left uncommitted). */
  async leave(member: MemoryMember): Promise<void> {
    member.stopping = true;
    const index = this.members.indexOf(member);
    if (index >= 0) this.members.splice(index, 1);
    this.rebalance();
    await Promise.all([...this.workers.values()].filter((w) => w.inFlight?.member === member).map((w) => w.inFlight!.done));
  }

  /** Round-robin assignment of every partition over the members subscribed to its topic. */
  private rebalance(): void {
    const keys = [...this.workers.keys()].sort();
    const byTopic = new Map<string, MemoryMember[]>();
    keys.forEach((key, i) => {
      const topic = key.split('\u0000')[0]!;
      let candidates = byTopic.get(topic);
      if (candidates === undefined) {
        candidates = this.members.filter((m) => m.topics.includes(topic));
        byTopic.set(topic, candidates);
      }
      const owner = candidates.length === 0 ? undefined : candidates[i % candidates.length];
      this.workers.get(key)!.assign(owner);
    });
    this.changed.notify();
  }

  /** Which member owns which partitions (for tests and diagnostics). */
  assignment(): Map<number, string[]> {
    const out = new Map<number, string[]>();
    for (const [key, worker] of this.workers) {
      if (worker.owner === undefined) continue;
      const list = out.get(worker.owner.id) ?? [];
      list.push(key.replace('\u0000', ':'));
      out.set(worker.owner.id, list);
    }
    return out;
  }
}

/**
 * The shared state of the in-memory bus: topics with partitioned logs, and consumer
 * groups with committed offsets. Several bus instances on one broker behave like
 * several processes on one Kafka cluster.
 */
export class MemoryBroker {
  private readonly topics = new Map<string, MemoryTopic>();
  private readonly groups = new Map<string, MemoryGroup>();

  createTopic(name: string, partitions: number, compacted: boolean): MemoryTopic {
    let topic = this.topics.get(name);
    if (topic === undefined) {
      topic = new MemoryTopic(name, partitions, compacted);
      this.topics.set(name, topic);
    }
    return topic;
  }

  /** The topic, created with one partition if unknown (like a broker with auto-create). */
  topic(name: string): MemoryTopic {
    return this.topics.get(name) ?? this.createTopic(name, 1, false);
  }

  hasTopic(name: string): boolean {
    return this.topics.has(name);
  }

  append(topicName: string, messages: readonly RawMessage[]): void {
    const topic = this.topic(topicName);
    for (const message of messages) topic.partitions[topic.partitionFor(message.key)]!.append(message);
  }

  group(id: string): MemoryGroup {
    let group = this.groups.get(id);
    if (group === undefined) {
      group = new MemoryGroup(this, id);
      this.groups.set(id, group);
    }
    return group;
  }

  /** Every record of a topic, partition by partition (what a test reads back). */
  records(topicName: string): Array<StoredRecord & { partition: number }> {
    const topic = this.topics.get(topicName);
    if (topic === undefined) return [];
    return topic.partitions.flatMap((p, partition) => p.log.filter((r): r is StoredRecord => r !== undefined).map((r) => ({ ...r, partition })));
  }
}
