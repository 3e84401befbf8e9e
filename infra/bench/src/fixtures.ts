import { integrationHeaders, type IntegrationEvent } from '@growth/contracts';
import { newId, streamId, type CommandContext, type DomainEvent, type EventEnvelope, type OutboxMessage } from '@growth/es';

export const TENANT = 'bench-district';

/** The role the benchmarks connect as where the application role matters: no owner rights, no BYPASSRLS (as services run). */
export const BENCH_APP_ROLE = { name: 'growth_bench_app', password: 'growth_bench_app' } as const;
export const CATEGORY = 'assessment';

/** A realistic review-domain fact: ids, a rating, a short free-text comment, some tags. */
export interface SkillAssessedData {
  readonly reviewId: string;
  readonly employeeId: string;
  readonly competencyId: string;
  readonly rating: number;
  readonly assessorRole: string;
  readonly comment: string;
  readonly tags: readonly string[];
}
export type SkillAssessed = DomainEvent<'SkillAssessed', SkillAssessedData>;

const WORDS = ['consistently', 'supports', 'pupils', 'with', 'care', 'and', 'plans', 'ahead', 'for', 'the', 'term', 'team', 'shows', 'initiative', 'in', 'meetings'];
const ROLES = ['line_manager', 'peer', 'self', 'senior_leader'];
const TAGS = ['safeguarding', 'communication', 'teamwork', 'planning', 'inclusion'];

/** The comment length that brings the data's JSON to about 300 bytes. */
const COMMENT_CHARS = 96;

const comment = (seed: number): string => {
  let text = '';
  for (let i = 0; text.length < COMMENT_CHARS; i += 1) text += `${WORDS[(seed * 7 + i * 3) % WORDS.length]} `;
  return text.slice(0, COMMENT_CHARS).trimEnd();
};

/** Deterministic per `seed` apart from the ids; serialises to roughly 300 bytes of JSON. */
export const skillAssessedData = (seed: number): SkillAssessedData => ({
  reviewId: newId(),
  employeeId: newId(),
  competencyId: `competency-${(seed % 40) + 1}`,
  rating: (seed % 5) + 1,
  assessorRole: ROLES[seed % ROLES.length],
  comment: comment(seed),
  tags: [TAGS[seed % TAGS.length], TAGS[(seed + 2) % TAGS.length]],
});

export const skillAssessed = (seed: number): SkillAssessed => ({ type: 'SkillAssessed', data: skillAssessedData(seed) });

/** `count` events for one append call. */
export const eventBatch = (count: number, seedBase = 0): SkillAssessed[] => Array.from({ length: count }, (_, i) => skillAssessed(seedBase + i));

/** A fresh stream id, so every append is a `no_stream` create. */
export const freshStreamId = (): string => streamId(CATEGORY, TENANT, newId());

export const commandContext = (): CommandContext => {
  const id = newId();
  return { tenantId: TENANT, actorId: 'bench-assessor', correlationId: id, causationId: id, now: new Date() };
};

/** The public form of a stored event: the envelope without its private metadata. */
export const toIntegrationEvent = (e: EventEnvelope): IntegrationEvent => ({
  eventId: e.eventId,
  type: e.type,
  schemaVersion: e.schemaVersion,
  streamId: e.streamId,
  streamVersion: e.streamVersion,
  tenantId: e.tenantId,
  occurredAt: e.occurredAt,
  correlationId: e.correlationId,
  causationId: e.causationId,
  actorId: e.actorId,
  data: e.data,
});

/** The `publish` mapping an event-sourced service uses: one integration message per event, keyed by stream. */
export const publishTo =
  (topic: string) =>
  (e: EventEnvelope): OutboxMessage[] => {
    const event = toIntegrationEvent(e);
    return [{ eventId: e.eventId, topic, key: e.streamId, headers: integrationHeaders(event), payload: event }];
  };
