import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { fold, parseStreamId, toDomainEvent, type EventStore } from '@growth/es';
import { withTenant } from '@growth/es-postgres';
import { EVENT_STORE } from '@growth/service-kit';
import { definitionOf, frameworkDecider, type ExistingFrameworkState } from './domain/framework.decider';
import type { FrameworkEvent } from './domain/framework.events';
import type { FrameworkDefinition } from './domain/framework.model';
import { frameworkStreamId } from './framework.stream';

export interface FrameworkVersionRecord {
  readonly version: number;
  readonly definition: FrameworkDefinition;
  /** Null for the open draft. */
  readonly publishedAt: string | null;
}

/** A framework as its stream says now: the folded state plus every published version and the open draft. */
export interface LoadedFramework {
  readonly frameworkId: string;
  readonly state: ExistingFrameworkState;
  /** The stream version: what the next command sends as expectedVersion. */
  readonly streamVersion: number;
  /** Published versions in order, then the open draft if there is one. */
  readonly versions: readonly FrameworkVersionRecord[];
}

const MAX_FRAMEWORKS = 500;

/** Reads frameworks by folding their streams (always through `withTenant`, via the store or directly). */
@Injectable()
export class FrameworkReader {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly dataSource: DataSource,
  ) {}

  async load(tenantId: string, frameworkId: string): Promise<LoadedFramework | null> {
    const { events, currentVersion } = await this.store.readStream<FrameworkEvent>(frameworkStreamId(tenantId, frameworkId), tenantId);
    const state = fold(frameworkDecider, events.map(toDomainEvent));
    if (state.status === 'none') return null;
    const versions: FrameworkVersionRecord[] = [];
    for (const { type, data } of events) {
      if (type === 'FrameworkPublished') {
        const published = data as Extract<FrameworkEvent, { type: 'FrameworkPublished' }>['data'];
        versions.push({ version: published.version, definition: published.framework, publishedAt: published.publishedAt });
      }
    }
    if (state.status === 'draft') versions.push({ version: state.version, definition: definitionOf(state), publishedAt: null });
    return { frameworkId, state, streamVersion: currentVersion, versions };
  }

  /** Every framework of the tenant (at most 500), by name. */
  async list(tenantId: string): Promise<LoadedFramework[]> {
    const rows: Array<{ stream_id: string }> = await withTenant(this.dataSource, tenantId, (m) =>
      m.query(`SELECT DISTINCT stream_id FROM es_events WHERE tenant_id = $1 AND stream_id LIKE 'framework-%' ORDER BY stream_id LIMIT ${MAX_FRAMEWORKS}`, [tenantId]),
    );
    const ids = rows.map((r) => parseStreamId(r.stream_id, 'framework')).filter((p) => p.tenantId === tenantId);
    const loaded = await Promise.all(ids.map((p) => this.load(tenantId, p.aggregateId)));
    return loaded.filter((f): f is LoadedFramework => f !== null).sort((a, b) => a.state.name.localeCompare(b.state.name) || a.frameworkId.localeCompare(b.frameworkId));
  }
}
