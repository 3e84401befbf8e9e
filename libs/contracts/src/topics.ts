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
  // Keyed by stream id, like every topic: one person's (site's, tenant's) events stay in order on one partition.
  // People are by far the most events (an HRIS import of 100,000 staff), so theirs get the most partitions.
  directoryPersonEvents: { name: 'directory.person.v1', partitions: 12, retentionDays: 3650 },
  directorySiteEvents: { name: 'directory.site.v1', partitions: 3, retentionDays: 3650 },
  directoryTenantEvents: { name: 'directory.tenant.v1', partitions: 1, retentionDays: 3650 },
  reviewCycleEvents: { name: 'reviews.cycle.v1', partitions: 1, retentionDays: 3650 },
  // One review per person per cycle: as many streams as people, like the directory's person topic.
  reviewEvents: { name: 'reviews.review.v1', partitions: 12, retentionDays: 3650 },
  goalEvents: { name: 'goals.goal.v1', partitions: 12, retentionDays: 3650 },
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
