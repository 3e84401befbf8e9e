// Most of this spec is checked by the compiler (`nx run contracts:typecheck`): each call below only compiles when the
// type-level verdict is the one written, and each `@ts-expect-error` fails the build if its line ever compiles.
import { integrationEventMapper, toIntegrationEvent, type EventsDiff, type SameShape, type ShapeDiff } from './shape';
import type { SchemaType } from './json-schema';
import type { IntegrationEvent } from './integration-event';

const same = <A, B>(verdict: SameShape<A, B>) => verdict;
const diff = <A, B>(sentences: ShapeDiff<A, B>) => sentences;
const eventsDiff = <A extends { type: string }, B extends { type: string }>(sentences: EventsDiff<A, B>) => sentences;
const sameEvents = <A extends { type: string }, B extends { type: string }>(verdict: [EventsDiff<A, B>] extends [never] ? true : false) => verdict;
const schemaType = <S, T>(verdict: SameShape<SchemaType<S>, T>) => verdict;

interface Level {
  readonly id: string;
  readonly benchmark: boolean;
  readonly note?: string;
}

describe('SameShape: the same JSON in both directions, readonly or not', () => {
  it('ignores readonly properties and readonly arrays, at any depth', () => {
    expect(same<{ levels: Level[]; tags: string[] }, { readonly levels: readonly Level[]; readonly tags: readonly string[] }>(true)).toBe(true);
    expect(same<{ byLevel: Record<string, string[]> }, { byLevel: Readonly<Record<string, readonly string[]>> }>(true)).toBe(true);
    expect(same<{ byLevel: { [id: string]: string } }, { byLevel: Readonly<Record<string, string>> }>(true)).toBe(true);
  });

  it('tells apart a field on one side only, even an optional one that assignability both ways lets through', () => {
    expect(same<{ id: string }, { id: string; note?: string }>(false)).toBe(false);
    expect(same<Level, Omit<Level, 'note'>>(false)).toBe(false);
    expect(diff<{ a: { id: string; extra: number }[] }, { a: readonly { id: string }[] }>('value.a[].extra is only in the first')).toBeDefined();
    expect(diff<{ id: string }, { id: string; note?: string }>('value.note is only in the second')).toBeDefined();
  });

  it('tells apart optional from required, and any change of type or of a literal union', () => {
    expect(diff<{ note: string }, { note?: string }>('value.note is optional in the second only')).toBeDefined();
    expect(diff<{ v: number }, { v: number | null }>('value.v has another type in the first than in the second')).toBeDefined();
    expect(same<{ kind: 'A' | 'B' }, { kind: 'A' | 'B' | 'C' }>(false)).toBe(false);
    expect(same<{ before?: unknown }, { before?: string }>(false)).toBe(false);
    expect(same<{ level: Level }, { level: Omit<Level, 'benchmark'> & { benchmark: 'yes' } }>(false)).toBe(false);
  });
});

describe('EventsDiff: two unions of events', () => {
  type Renamed = { type: 'Renamed'; data: { id: string; name: string } };
  type Retired = { type: 'Retired'; data: { id: string } };

  it('names an event on one side only, and a field of the same event that differs', () => {
    expect(eventsDiff<Renamed | Retired, Renamed>('Retired is only in the domain events')).toBeDefined();
    expect(eventsDiff<Renamed, Renamed | Retired>('Retired is only in the contracts')).toBeDefined();
    expect(eventsDiff<Renamed, { type: 'Renamed'; data: { id: string; name: string; at: string } }>('Renamed.data.at is only in the contract')).toBeDefined();
    expect(sameEvents<Renamed | Retired, { type: 'Renamed'; data: { readonly id: string; readonly name: string } } | Retired>(true)).toBe(true);
    expect(sameEvents<Renamed | Retired, Retired>(false)).toBe(false);
  });
});

describe('SchemaType: the TypeScript type a JSON Schema describes', () => {
  it('reads required and optional properties, enums, nullable types, arrays, maps and allOf', () => {
    const schema = {
      allOf: [
        {
          type: 'object',
          required: ['id', 'levels', 'previous'],
          properties: {
            id: { type: 'string' },
            levels: { type: 'array', items: { type: 'object', required: ['id', 'benchmark'], properties: { id: { type: 'string' }, benchmark: { type: 'boolean' }, note: { type: 'string' } } } },
            previous: { type: ['integer', 'null'] },
            byLevel: { type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } } },
          },
        },
        { type: 'object', required: ['kind'], properties: { kind: { enum: ['A', 'B'] }, before: {} } },
      ],
    } as const;
    expect(
      schemaType<typeof schema, { id: string; levels: Level[]; previous: number | null; byLevel?: Record<string, string[]>; kind: 'A' | 'B'; before?: unknown }>(true),
    ).toBe(true);
    expect(schemaType<typeof schema, { id: string; levels: Level[]; previous: number; kind: 'A' | 'B' }>(false)).toBe(false);
    expect(schema.allOf).toHaveLength(2);
  });
});

describe('toIntegrationEvent', () => {
  type Renamed = { type: 'Renamed'; data: { id: string; name: string } };
  type PublicRenamed = IntegrationEvent<'Renamed', { readonly id: string; readonly name: string }>;
  const envelope = {
    eventId: 'e-1',
    type: 'Renamed' as const,
    schemaVersion: 1,
    streamId: 's-t:1',
    streamVersion: 0,
    tenantId: 't',
    occurredAt: '2026-10-01T09:00:00.000Z',
    correlationId: 'c',
    causationId: 'c',
    actorId: 'a',
    data: { id: '1', name: 'N' },
    metadata: { internal: true },
  };

  it('is the envelope without its metadata', () => {
    const { metadata: _metadata, ...event } = envelope;
    expect(toIntegrationEvent<Renamed, PublicRenamed>(envelope)).toEqual(event);
  });

  it('does not compile when the domain events drift from the contract', () => {
    type Drifted = { type: 'Renamed'; data: { id: string; name: string; note?: string } };
    // @ts-expect-error Renamed.data.note is only in the domain event
    expect(toIntegrationEvent<Drifted, PublicRenamed>(envelope).type).toBe('Renamed');
    // @ts-expect-error Retired is only in the domain events
    expect(toIntegrationEvent<Renamed | { type: 'Retired'; data: { id: string } }, PublicRenamed>(envelope).type).toBe('Renamed');
  });
});

describe('integrationEventMapper', () => {
  type Renamed = { type: 'Renamed'; data: { id: string; name: { from: string; to: string } } };
  type Retired = { type: 'Retired'; data: { id: string } };
  type PublicRenamed = IntegrationEvent<'Renamed', { readonly id: string; readonly name: string }>;
  type PublicRetired = IntegrationEvent<'Retired', { readonly id: string }>;
  const envelopeOf = <E extends Renamed | Retired>(event: E) => ({
    eventId: 'e-1',
    schemaVersion: 1,
    streamId: 's-t:1',
    streamVersion: 0,
    tenantId: 't',
    occurredAt: '2026-10-01T09:00:00.000Z',
    correlationId: 'c',
    causationId: 'c',
    actorId: 'a',
    metadata: { internal: true },
    ...event,
  });
  const toPublic = integrationEventMapper<Renamed | Retired, PublicRenamed | PublicRetired>()({ Renamed: ({ id, name }) => ({ id, name: name.to }) });

  it('maps the data of the types it names, publishes the others as they are, and drops the metadata', () => {
    const { metadata: _metadata, ...renamed } = envelopeOf<Renamed>({ type: 'Renamed', data: { id: '1', name: { from: 'Old', to: 'New' } } });
    expect(toPublic({ ...renamed, metadata: {} })).toEqual({ ...renamed, data: { id: '1', name: 'New' } });
    const { metadata: _m, ...retired } = envelopeOf<Retired>({ type: 'Retired', data: { id: '1' } });
    expect(toPublic({ ...retired, metadata: {} })).toEqual(retired);
  });

  it('does not compile when a mapping, or an event it leaves alone, drifts from the contract', () => {
    const envelope = envelopeOf<Renamed>({ type: 'Renamed', data: { id: '1', name: { from: 'Old', to: 'New' } } });
    const keepsTooMuch = integrationEventMapper<Renamed | Retired, PublicRenamed | PublicRetired>()({ Renamed: ({ id, name }) => ({ id, name: name.to, before: name.from }) });
    // @ts-expect-error Renamed.data.before is only in the domain event
    expect(keepsTooMuch(envelope).type).toBe('Renamed');
    const mapsNothing = integrationEventMapper<Renamed | Retired, PublicRenamed | PublicRetired>()({});
    // @ts-expect-error Renamed.data.name has another type in the domain event than in the contract
    expect(mapsNothing(envelope).type).toBe('Renamed');
  });
});
