import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { ALL_TOPICS, FRAMEWORK_INTEGRATION_EVENT_TYPES, Headers, integrationHeaders, parseIntegrationEvent, type FrameworkDraftCreated } from './index';

const asyncapi = parse(readFileSync(path.join(__dirname, '../../../docs/asyncapi.yaml'), 'utf8'));
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
