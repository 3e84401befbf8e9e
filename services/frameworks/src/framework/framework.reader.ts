import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { fold, isUuid, toDomainEvent, ValidationFailedError, type EventEnvelope, type EventStore } from '@growth/es';
import { withTenant } from '@growth/es-postgres';
import { EVENT_STORE } from '@growth/service-kit';
import { definitionOf, frameworkDecider, type ExistingFrameworkState } from './domain/framework.decider';
import type { FrameworkStatus as FrameworkStatusCode } from './framework.graphql';
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

/** A framework as its events say: the folded state plus every published version and the open draft (null if none). */
export const loadedFrameworkOf = (frameworkId: string, events: readonly EventEnvelope<FrameworkEvent>[], streamVersion: number): LoadedFramework | null => {
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
  return { frameworkId, state, streamVersion, versions };
};

export interface FrameworkListPage {
  readonly items: readonly LoadedFramework[];
  /** The key of the last item, to pass as `after`; null on an empty page. */
  readonly endCursor: string | null;
  readonly hasNextPage: boolean;
}

export interface FrameworkListQuery {
  readonly status?: FrameworkStatusCode;
  /** Leave out retired frameworks (for searches over the frameworks still in use). */
  readonly inUse?: boolean;
  readonly first: number;
  readonly after?: string;
}

/** Reads one framework from its stream, and lists from the `framework_list` read model (always through `withTenant`). */
@Injectable()
export class FrameworkReader {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly dataSource: DataSource,
  ) {}

  async load(tenantId: string, frameworkId: string): Promise<LoadedFramework | null> {
    const { events, currentVersion } = await this.store.readStream<FrameworkEvent>(frameworkStreamId(tenantId, frameworkId), tenantId);
    return loadedFrameworkOf(frameworkId, events, currentVersion);
  }

  /** A page of the tenant's frameworks by name (then id), from the read model: the cost is the page's, not the tenant's. */
  async list(tenantId: string, { status, inUse, first, after }: FrameworkListQuery): Promise<FrameworkListPage> {
    const key = after === undefined ? undefined : decodeCursor(after);
    const rows: Array<{ name: string; framework_id: string; loaded: LoadedFramework }> = await withTenant(this.dataSource, tenantId, (m) =>
      m.query(
        `SELECT name, framework_id, loaded FROM framework_list
         WHERE tenant_id = $1 AND ($2::text IS NULL OR status = $2) AND (NOT $3 OR status <> 'RETIRED')
           AND ($4::text IS NULL OR (name, framework_id) > ($4, $5::uuid))
         ORDER BY name, framework_id LIMIT $6`,
        [tenantId, status ?? null, inUse ?? false, key?.[0] ?? null, key?.[1] ?? null, first + 1],
      ),
    );
    const page = rows.slice(0, first);
    const last = page.at(-1);
    return { items: page.map((r) => r.loaded), endCursor: last ? encodeCursor([last.name, last.framework_id]) : null, hasNextPage: rows.length > first };
  }
}

const encodeCursor = (key: [string, string]): string => Buffer.from(JSON.stringify(key)).toString('base64url');
const decodeCursor = (cursor: string): [string, string] => {
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(key) && key.length === 2 && typeof key[0] === 'string' && isUuid(String(key[1]))) return key as [string, string];
  } catch {
    // answered below
  }
  throw new ValidationFailedError([{ path: 'after', message: 'is not a cursor this list gave out' }]);
};
