import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import {
  ALIGNMENT_RELATION_SCHEMA,
  ALL_TOPICS,
  COMPETENCY_REF_SCHEMA,
  CYCLE_CALENDAR_SCHEMA,
  CYCLE_DEADLINES_SCHEMA,
  CYCLE_EVENT_DATA_SCHEMAS,
  CYCLE_INTEGRATION_EVENT_TYPES,
  ENVELOPE_SCHEMA,
  FRAMEWORK_CONTENT_SCHEMA,
  FRAMEWORK_DEFINITION_SCHEMA,
  FRAMEWORK_EVENT_DATA_SCHEMAS,
  FRAMEWORK_INTEGRATION_EVENT_TYPES,
  GOAL_EVENT_DATA_SCHEMAS,
  GOAL_INTEGRATION_EVENT_TYPES,
  GOAL_MEASURE_SCHEMA,
  Headers,
  integrationHeaders,
  MONTH_DAY_SCHEMA,
  parseIntegrationEvent,
  PERSON_EVENT_DATA_SCHEMAS,
  PERSON_INTEGRATION_EVENT_TYPES,
  REVIEW_EVENT_DATA_SCHEMAS,
  REVIEW_FRAMEWORK_REF_SCHEMA,
  REVIEW_INTEGRATION_EVENT_TYPES,
  schemaViolations,
  SITE_EVENT_DATA_SCHEMAS,
  SITE_INTEGRATION_EVENT_TYPES,
  TENANT_EVENT_DATA_SCHEMAS,
  TENANT_INTEGRATION_EVENT_TYPES,
  Topics,
  type FrameworkDraftCreated,
  type JsonSchema,
} from './index';

/**
 * What each topic publishes, keyed like `Topics` and like the document's channels: the runtime schema of every
 * event's data, and the list of its types.
 */
const PUBLISHED: Record<keyof typeof Topics, { readonly schemas: Readonly<Record<string, JsonSchema>>; readonly types: readonly string[] }> = {
  frameworkEvents: { schemas: FRAMEWORK_EVENT_DATA_SCHEMAS, types: FRAMEWORK_INTEGRATION_EVENT_TYPES },
  directoryPersonEvents: { schemas: PERSON_EVENT_DATA_SCHEMAS, types: PERSON_INTEGRATION_EVENT_TYPES },
  directorySiteEvents: { schemas: SITE_EVENT_DATA_SCHEMAS, types: SITE_INTEGRATION_EVENT_TYPES },
  directoryTenantEvents: { schemas: TENANT_EVENT_DATA_SCHEMAS, types: TENANT_INTEGRATION_EVENT_TYPES },
  reviewCycleEvents: { schemas: CYCLE_EVENT_DATA_SCHEMAS, types: CYCLE_INTEGRATION_EVENT_TYPES },
  reviewEvents: { schemas: REVIEW_EVENT_DATA_SCHEMAS, types: REVIEW_INTEGRATION_EVENT_TYPES },
  goalEvents: { schemas: GOAL_EVENT_DATA_SCHEMAS, types: GOAL_INTEGRATION_EVENT_TYPES },
};
const channels = Object.entries(PUBLISHED) as Array<[keyof typeof Topics, (typeof PUBLISHED)[keyof typeof Topics]]>;
const ALL_EVENT_TYPES = channels.flatMap(([, { types }]) => types);
const ALL_DATA_SCHEMAS: Readonly<Record<string, JsonSchema>> = Object.assign({}, ...channels.map(([, { schemas }]) => schemas));

const asyncapi = parse(readFileSync(path.join(__dirname, '../../../docs/asyncapi.yaml'), 'utf8'));

/** The schema at a local `$ref` of the document, e.g. `#/components/schemas/Envelope`. */
const at = (ref: string): unknown => {
  if (!ref.startsWith('#/')) throw new Error(`only local $refs are supported: ${ref}`);
  return ref
    .slice(2)
    .split('/')
    .reduce<Record<string, unknown>>((node, key) => {
      if (!(key in node)) throw new Error(`unresolved $ref ${ref}`);
      return node[key] as Record<string, unknown>;
    }, asyncapi);
};

/**
 * A schema with every `$ref` inlined, without `description`s (prose for people, not part of the shape) and with
 * `required` in a stable order: what the document says about the JSON itself, comparable with the runtime schemas.
 */
const shapeOf = (schema: unknown): unknown => {
  if (Array.isArray(schema)) return schema.map(shapeOf);
  if (typeof schema !== 'object' || schema === null) return schema;
  const { $ref, description: _description, ...rest } = schema as Record<string, unknown>;
  if (typeof $ref === 'string') return shapeOf(at($ref));
  return Object.fromEntries(
    Object.entries(rest).map(([keyword, value]) => {
      if (keyword === 'properties') return [keyword, Object.fromEntries(Object.entries(value as object).map(([name, property]) => [name, shapeOf(property)]))];
      if (keyword === 'required') return [keyword, [...(value as string[])].sort()];
      return [keyword, shapeOf(value)];
    }),
  );
};
const example: FrameworkDraftCreated = {
  eventId: '0192f3a0-0000-7000-8000-000000000001',
  type: 'FrameworkDraftCreated',
  schemaVersion: 1,
  streamId: 'framework-lausd:0192f3a0-1111-7000-8000-000000000001',
  streamVersion: 0,
  tenantId: 'lausd',
  occurredAt: '2026-10-01T09:00:00.000Z',
  correlationId: 'req-1',
  causationId: 'cmd-1',
  actorId: 'hr-1',
  data: { frameworkId: '0192f3a0-1111-7000-8000-000000000001', name: 'Classified Performance Framework', purpose: '', kind: 'COMPETENCY_FRAMEWORK' },
};

describe('published contracts', () => {
  it('documents every declared topic, and no other, in docs/asyncapi.yaml', () => {
    const documented = Object.values(asyncapi.channels as Record<string, { address: string }>).map((c) => c.address).sort();
    expect(documented).toEqual(ALL_TOPICS.map((t) => t.name).sort());
  });

  it.each(channels.map(([channel]) => [channel]))('documents channel %s: its topic, and every event type published on it', (channel) => {
    expect(asyncapi.channels[channel].address).toBe(Topics[channel].name);
    expect(Object.keys(asyncapi.channels[channel].messages).sort()).toEqual([...PUBLISHED[channel].types].sort());
    expect(Object.keys(PUBLISHED[channel].schemas)).toEqual(PUBLISHED[channel].types);
    expect(asyncapi.operations[`publish${channel[0].toUpperCase()}${channel.slice(1)}`]).toEqual({ action: 'send', channel: { $ref: `#/channels/${channel}` } });
  });

  it('names each event type once across all topics (messages are documented by type)', () => {
    expect(new Set(ALL_EVENT_TYPES).size).toBe(ALL_EVENT_TYPES.length);
  });

  it('documents exactly the headers every message carries', () => {
    expect([...asyncapi.components.schemas.Headers.required].sort()).toEqual(Object.values(Headers).sort());
    expect(Object.keys(integrationHeaders(example)).sort()).toEqual(Object.values(Headers).sort());
    expect(integrationHeaders(example)[Headers.tenantId]).toBe('lausd');
  });

  it('documents exactly the envelope fields of an integration event', () => {
    expect([...asyncapi.components.schemas.Envelope.required].sort()).toEqual(Object.keys(example).sort());
  });

  it('accepts a well-formed envelope and names the first bad field of a malformed one', () => {
    expect(parseIntegrationEvent(JSON.parse(JSON.stringify(example)))).toEqual(example);
    expect(() => parseIntegrationEvent({ ...example, tenantId: '' })).toThrow('tenantId');
    expect(() => parseIntegrationEvent({ ...example, streamVersion: '1' })).toThrow('streamVersion');
    expect(() => parseIntegrationEvent({ ...example, data: null })).toThrow('data');
    expect(() => parseIntegrationEvent('text')).toThrow('not a JSON object');
  });
});

describe('docs/asyncapi.yaml matches the runtime schemas (*-event-schemas.ts), which the compiler checks against the types', () => {
  const messages = asyncapi.components.messages as Record<string, { headers: unknown; payload: { allOf: unknown[] } }>;

  it('has no key without a value (a comma in an unquoted flow-mapping value splits it into such keys)', () => {
    // null as an array item is a value (`enum: [A, null]`); only a mapping key may not be left without one.
    const emptyKeys = (node: unknown, where: string): string[] =>
      typeof node !== 'object' || node === null
        ? []
        : Object.entries(node).flatMap(([key, value]) => (value === null && !Array.isArray(node) ? [`${where}/${key}`] : emptyKeys(value, `${where}/${key}`)));
    expect(emptyKeys(asyncapi, '#')).toEqual([]);
  });

  it('documents a message for every published event type, and no other', () => {
    expect(Object.keys(messages).sort()).toEqual([...ALL_EVENT_TYPES].sort());
  });

  it('documents the envelope and the shared schemas exactly, and no other schema', () => {
    const shared = {
      Envelope: ENVELOPE_SCHEMA,
      CompetencyRef: COMPETENCY_REF_SCHEMA,
      AlignmentRelation: ALIGNMENT_RELATION_SCHEMA,
      FrameworkContent: FRAMEWORK_CONTENT_SCHEMA,
      FrameworkDefinition: FRAMEWORK_DEFINITION_SCHEMA,
      CycleCalendar: CYCLE_CALENDAR_SCHEMA,
      MonthDay: MONTH_DAY_SCHEMA,
      FrameworkRef: REVIEW_FRAMEWORK_REF_SCHEMA,
      CycleDeadlines: CYCLE_DEADLINES_SCHEMA,
      GoalMeasure: GOAL_MEASURE_SCHEMA,
    };
    expect(Object.keys(asyncapi.components.schemas).sort()).toEqual(['Headers', ...Object.keys(shared)].sort());
    for (const [name, schema] of Object.entries(shared)) {
      expect({ [name]: shapeOf(asyncapi.components.schemas[name]) }).toEqual({ [name]: shapeOf(schema) });
    }
  });

  it.each(ALL_EVENT_TYPES.map((type) => [type]))('documents the payload of %s exactly: the envelope, its type and the schema of its data', (type) => {
    const message = messages[type];
    expect(message.headers).toEqual({ $ref: '#/components/schemas/Headers' });
    expect(message.payload.allOf).toHaveLength(2);
    expect(message.payload.allOf[0]).toEqual({ $ref: '#/components/schemas/Envelope' });
    expect(shapeOf(message.payload.allOf[1])).toEqual(shapeOf({ type: 'object', properties: { type: { const: type }, data: ALL_DATA_SCHEMAS[type] } }));
  });
});

describe('schemaViolations, which publishers test their messages with', () => {
  const personJoined = PERSON_EVENT_DATA_SCHEMAS.PersonJoined;
  const joined = {
    personId: '0192f3a0-1111-7000-8000-000000000001',
    staffNumber: 'E1',
    firstName: 'Ana',
    lastName: 'López',
    workEmail: null,
    jobClassification: 'Custodian',
    siteId: '0192f3a0-2222-7000-8000-000000000001',
    employmentStatus: 'ACTIVE',
    startDate: '2020-08-17',
  };

  it('accepts a value of the contract, null where the contract allows it', () => {
    expect(schemaViolations(personJoined, joined)).toEqual([]);
    expect(schemaViolations(personJoined, { ...joined, workEmail: 'ana@lausd.net' })).toEqual([]);
    expect(schemaViolations(SITE_EVENT_DATA_SCHEMAS.SiteOpened, { siteId: joined.siteId, code: 'S1', name: 'School One', kind: null, parentSiteId: null })).toEqual([]);
  });

  it('names every field beyond the contract, missing, mistyped or out of range', () => {
    const { staffNumber: _staffNumber, ...withoutStaffNumber } = joined;
    expect(schemaViolations(personJoined, { ...withoutStaffNumber, homeAddress: '1 Main St', startDate: '2020-02-30', employmentStatus: 'LEFT', firstName: 7 })).toEqual([
      'value.staffNumber is missing',
      'value.firstName is integer, not string',
      'value.employmentStatus is not one of ACTIVE, ON_LEAVE',
      'value.startDate is not a date',
      'value.homeAddress is not in the contract',
    ]);
    expect(schemaViolations(PERSON_EVENT_DATA_SCHEMAS.PersonDetailsChanged, { personId: joined.personId, changes: { lastName: { from: 'Lopez', to: 'López' } } })).toEqual([
      'value.changes.lastName is object, not string',
    ]);
    expect(schemaViolations(TENANT_EVENT_DATA_SCHEMAS.CycleCalendarChanged, { tenantId: 'lausd', from: {}, to: {} })).toHaveLength(6);
  });

  it('closes objects described through allOf by the properties of all their parts', () => {
    const definition = { kind: 'COMPETENCY_FRAMEWORK', name: 'F', purpose: '', clusters: [] };
    expect(schemaViolations(FRAMEWORK_DEFINITION_SCHEMA, definition)).toEqual([]);
    expect(schemaViolations(FRAMEWORK_DEFINITION_SCHEMA, { ...definition, colour: 'red' })).toEqual(['value.colour is not in the contract']);
  });
});
