import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import {
  ALIGNMENT_RELATION_SCHEMA,
  ALL_TOPICS,
  COMPETENCY_REF_SCHEMA,
  ENVELOPE_SCHEMA,
  FRAMEWORK_CONTENT_SCHEMA,
  FRAMEWORK_DEFINITION_SCHEMA,
  FRAMEWORK_EVENT_DATA_SCHEMAS,
  FRAMEWORK_INTEGRATION_EVENT_TYPES,
  Headers,
  integrationHeaders,
  parseIntegrationEvent,
  type FrameworkDraftCreated,
} from './index';

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

  it('documents every framework event type', () => {
    expect(Object.keys(asyncapi.channels.frameworkEvents.messages).sort()).toEqual([...FRAMEWORK_INTEGRATION_EVENT_TYPES].sort());
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

describe('docs/asyncapi.yaml matches the runtime schemas (framework-event-schemas.ts), which the compiler checks against the types', () => {
  const messages = asyncapi.components.messages as Record<string, { headers: unknown; payload: { allOf: unknown[] } }>;

  it('has no key without a value (a comma in an unquoted flow-mapping value splits it into such keys)', () => {
    const emptyKeys = (node: unknown, where: string): string[] =>
      typeof node !== 'object' || node === null
        ? []
        : Object.entries(node).flatMap(([key, value]) => (value === null ? [`${where}/${key}`] : emptyKeys(value, `${where}/${key}`)));
    expect(emptyKeys(asyncapi, '#')).toEqual([]);
  });

  it('documents a message for every framework event type, and no other', () => {
    expect(Object.keys(messages).sort()).toEqual([...FRAMEWORK_INTEGRATION_EVENT_TYPES].sort());
    expect(Object.keys(FRAMEWORK_EVENT_DATA_SCHEMAS)).toEqual(FRAMEWORK_INTEGRATION_EVENT_TYPES);
  });

  it('documents the envelope and the shared schemas exactly, and no other schema', () => {
    const shared = {
      Envelope: ENVELOPE_SCHEMA,
      CompetencyRef: COMPETENCY_REF_SCHEMA,
      AlignmentRelation: ALIGNMENT_RELATION_SCHEMA,
      FrameworkContent: FRAMEWORK_CONTENT_SCHEMA,
      FrameworkDefinition: FRAMEWORK_DEFINITION_SCHEMA,
    };
    expect(Object.keys(asyncapi.components.schemas).sort()).toEqual(['Headers', ...Object.keys(shared)].sort());
    for (const [name, schema] of Object.entries(shared)) {
      expect({ [name]: shapeOf(asyncapi.components.schemas[name]) }).toEqual({ [name]: shapeOf(schema) });
    }
  });

  it.each(FRAMEWORK_INTEGRATION_EVENT_TYPES.map((type) => [type]))('documents the payload of %s exactly: the envelope, its type and the schema of its data', (type) => {
    const message = messages[type];
    expect(message.headers).toEqual({ $ref: '#/components/schemas/Headers' });
    expect(message.payload.allOf).toHaveLength(2);
    expect(message.payload.allOf[0]).toEqual({ $ref: '#/components/schemas/Envelope' });
    expect(shapeOf(message.payload.allOf[1])).toEqual(shapeOf({ type: 'object', properties: { type: { const: type }, data: FRAMEWORK_EVENT_DATA_SCHEMAS[type] } }));
  });
});
