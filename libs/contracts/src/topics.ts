/**
 * Every Kafka topic the platform publishes to, declared here and created explicitly at start-up (brokers run with
 * auto-creation off). Names follow `<service>.<aggregate>.v<major>`; a breaking change is a new major topic.
 */
export interface TopicDeclaration {
  readonly name: string;
  readonly partitions: number;
  /** Days to keep messages; integration events are facts other systems replay, so they are kept long. */
  readonly retentionDays: number;
}

export const Topics = {
  frameworkEvents: { name: 'frameworks.framework.v1', partitions: 6, retentionDays: 3650 },
} as const satisfies Record<string, TopicDeclaration>;

export const ALL_TOPICS: readonly TopicDeclaration[] = Object.values(Topics);

/** Messages a consumer gives up on, with the error that stopped it, go here for a human to look at. */
export const deadLetterTopicOf = (topic: string): string => `${topic}.dlq`;

/** Kafka headers every integration message carries (values are strings). */
export const Headers = {
  eventId: 'event-id',
  eventType: 'event-type',
  schemaVersion: 'schema-version',
  tenantId: 'tenant-id',
  correlationId: 'correlation-id',
  causationId: 'causation-id',
  contentType: 'content-type',
} as const;
