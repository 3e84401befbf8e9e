import type { DataSource, EntityManager } from 'typeorm';
import { ConcurrencyConflictError, fold, toDomainEvent, matchesExpectedVersion, streamId, type CommandContext, type Decider, type DomainEvent, type EventEnvelope, type ExpectedVersion } from '@growth/es';
import { withTenant, type PostgresEventStore } from '@growth/es-postgres';
import { personDecider, type PersonState } from '../person/domain/person.decider';
import type { PersonCommand } from '../person/domain/person.commands';
import type { PersonEvent } from '../person/domain/person.events';
import { saveReportingLines, savePeople, type PersonSnapshot } from '../person/person.projection';
import { siteDecider, type SiteState } from '../site/domain/site.decider';
import type { SiteCommand } from '../site/domain/site.commands';
import type { SiteEvent } from '../site/domain/site.events';
import { saveSites, type SiteSnapshot } from '../site/site.projection';
import { tenantDecider, type TenantState } from '../tenant/domain/tenant.decider';
import type { TenantCommand } from '../tenant/domain/tenant.commands';
import type { TenantEvent } from '../tenant/domain/tenant.events';
import { saveTenant } from '../tenant/tenant.projection';
import { EMPTY_STREAM, type LoadedStream } from './event-streams';
import { lockTenantDirectory } from './tenant-lock';

export const personStreamId = (tenantId: string, personId: string): string => streamId('person', tenantId, personId);
export const siteStreamId = (tenantId: string, siteId: string): string => streamId('site', tenantId, siteId);
export const tenantStreamId = (tenantId: string): string => streamId('tenant', tenantId, tenantId);

export interface Decided<S, E extends DomainEvent> {
  readonly existed: boolean;
  readonly events: readonly E[];
  readonly state: S;
  /** The stream's version after the append: what a client sends as expectedVersion next time. */
  readonly version: number;
}

/**
 * One transaction of directory writes for one tenant: load (from the same snapshot it writes into), decide, append,
 * and on flush() write the read models of everything it touched. Used alike by single commands and by import
 * batches (many aggregates, read models written set-based once per batch).
 */
export class DirectoryTransaction {
  private readonly streams = new Map<string, LoadedStream<DomainEvent>>();
  private people = new Map<string, PersonSnapshot>();
  private sites = new Map<string, SiteSnapshot>();
  private tenant: { state: Extract<TenantState, { status: 'registered' }>; version: number } | undefined;
  private personEnvelopes: EventEnvelope<PersonEvent>[] = [];

  constructor(
    readonly manager: EntityManager,
    private readonly store: PostgresEventStore,
    readonly context: CommandContext,
  ) {}

  get tenantId(): string {
    return this.context.tenantId;
  }

  /** Loads many streams in one query, ahead of deciding on them. */
  async preload(streamIds: readonly string[]): Promise<void> {
    const missing = streamIds.filter((id) => !this.streams.has(id));
    const loaded = await this.store.readStreamsInTransaction(this.manager, this.tenantId, missing);
    for (const id of missing) {
      const stream = loaded.get(id);
      this.streams.set(id, stream ? { version: stream.currentVersion, events: stream.events.map(toDomainEvent) } : EMPTY_STREAM);
    }
  }

  /** A person's current state, folded from their stream as this transaction sees it. */
  async personState(personId: string): Promise<PersonState> {
    const stream = personStreamId(this.tenantId, personId);
    await this.preload([stream]);
    return fold(personDecider, (this.streams.get(stream) as LoadedStream<PersonEvent>).events);
  }

  /** Decides one command, or several in sequence (each seeing the state the previous left), appended together. */
  async person(personId: string, command: PersonCommand | readonly PersonCommand[], expectedVersion?: ExpectedVersion): Promise<Decided<PersonState, PersonEvent>> {
    const decided = await this.decide(personDecider, personStreamId(this.tenantId, personId), command, expectedVersion);
    if (decided.events.length > 0 && decided.state.status === 'present') {
      this.people.set(personId, { state: decided.state, version: decided.version });
      this.personEnvelopes.push(...decided.envelopes);
    }
    return decided;
  }

  async site(siteId: string, command: SiteCommand, expectedVersion?: ExpectedVersion): Promise<Decided<SiteState, SiteEvent>> {
    const decided = await this.decide(siteDecider, siteStreamId(this.tenantId, siteId), command, expectedVersion);
    if (decided.events.length > 0 && decided.state.status === 'open') this.sites.set(siteId, { state: decided.state, version: decided.version });
    return decided;
  }

  async tenantSettings(command: TenantCommand, expectedVersion?: ExpectedVersion): Promise<Decided<TenantState, TenantEvent>> {
    const decided = await this.decide(tenantDecider, tenantStreamId(this.tenantId), command, expectedVersion);
    if (decided.events.length > 0 && decided.state.status === 'registered') this.tenant = { state: decided.state, version: decided.version };
    return decided;
  }

  /** Writes the read models of everything decided since the last flush. */
  async flush(): Promise<void> {
    const at = this.context.now;
    await saveSites(this.manager, this.tenantId, [...this.sites.values()], at);
    await savePeople(this.manager, this.tenantId, [...this.people.values()], at);
    await saveReportingLines(this.manager, this.tenantId, this.personEnvelopes);
    if (this.tenant) await saveTenant(this.manager, this.tenant.state, this.tenant.version, at);
    this.sites = new Map();
    this.people = new Map();
    this.personEnvelopes = [];
    this.tenant = undefined;
  }

  private async decide<C, S, E extends DomainEvent>(
    decider: Decider<C, S, E>,
    stream: string,
    command: C | readonly C[],
    expectedVersion: ExpectedVersion | undefined,
  ): Promise<Decided<S, E> & { envelopes: readonly EventEnvelope<E>[] }> {
    await this.preload([stream]);
    const loaded = this.streams.get(stream) as LoadedStream<E>;
    // The caller's view first: a stale expectedVersion changes nothing, even when the command would be a no-op.
    if (expectedVersion !== undefined && !matchesExpectedVersion(expectedVersion, loaded.version)) {
      throw new ConcurrencyConflictError(stream, expectedVersion, loaded.version < 0 ? 'no_stream' : loaded.version);
    }
    const before = fold(decider, loaded.events);
    const events: E[] = [];
    let state = before;
    for (const step of Array.isArray(command) ? (command as readonly C[]) : [command as C]) {
      const produced = decider.decide(step, state);
      events.push(...produced);
      state = produced.reduce(decider.evolve, state);
    }
    if (events.length === 0) return { existed: loaded.version >= 0, events, state, version: loaded.version, envelopes: [] };
    // The store checks the version again against the table (UNIQUE(stream_id, stream_version) is the last word).
    const result = await this.store.appendInTransaction(this.manager, stream, events, {
      expectedVersion: loaded.version < 0 ? 'no_stream' : loaded.version,
      context: this.context,
    });
    this.streams.set(stream, { version: result.nextExpectedVersion, events: [...loaded.events, ...events] });
    return { existed: loaded.version >= 0, events, state, version: result.nextExpectedVersion, envelopes: result.envelopes };
  }
}

/**
 * A command's transaction: scoped to the tenant (row-level security), holding the tenant's directory lock, read
 * models flushed before commit. Any error rolls back events and read models alike.
 */
export const inDirectoryTransaction = <T>(
  dataSource: DataSource,
  store: PostgresEventStore,
  context: CommandContext,
  work: (tx: DirectoryTransaction) => Promise<T>,
  { lock = true }: { lock?: boolean } = {},
): Promise<T> =>
  withTenant(dataSource, context.tenantId, async (manager) => {
    if (lock) await lockTenantDirectory(manager, context.tenantId);
    const tx = new DirectoryTransaction(manager, store, context);
    const result = await work(tx);
    await tx.flush();
    return result;
  });
