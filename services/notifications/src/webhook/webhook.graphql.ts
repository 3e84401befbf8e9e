import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';

export enum WebhookEndpointStatusEnum {
  ENABLED = 'ENABLED',
  DISABLED = 'DISABLED',
}
registerEnumType(WebhookEndpointStatusEnum, { name: 'WebhookEndpointStatus' });

export enum WebhookDeliveryStatusEnum {
  PENDING = 'PENDING',
  DELIVERED = 'DELIVERED',
  DEAD = 'DEAD',
  CANCELLED = 'CANCELLED',
}
registerEnumType(WebhookDeliveryStatusEnum, {
  name: 'WebhookDeliveryStatus',
  description: 'PENDING (an attempt is due), DELIVERED (a 2xx), DEAD (every scheduled attempt failed; replayable), CANCELLED (the endpoint was disabled, or answered 410).',
});

@ObjectType('WebhookEndpoint', { description: "A tenant's HTTPS endpoint that receives the public review, cycle and goal events it chose, signed (Standard Webhooks)." })
export class WebhookEndpointView {
  @Field(() => ID) id!: string;
  @Field() url!: string;
  @Field(() => [String]) eventTypes!: string[];
  @Field(() => WebhookEndpointStatusEnum) status!: string;
  @Field(() => String, { nullable: true, description: 'BY_ADMIN, or GONE: the receiver answered 410.' }) disabledReason!: string | null;
  @Field(() => String, { nullable: true, description: 'Until when the secret before the last rotation also signs deliveries (ISO 8601).' }) previousSecretValidUntil!: string | null;
  @Field(() => Int, { description: 'Send as expectedVersion to act on what you read.' }) version!: number;
}

@ObjectType('WebhookEndpointResult')
export class WebhookEndpointResult {
  @Field(() => ID) id!: string;
  @Field(() => Int) version!: number;
}

@ObjectType('WebhookSecretResult', { description: 'The signing secret (whsec_…), shown this once: store it now.' })
export class WebhookSecretResult {
  @Field(() => ID) id!: string;
  @Field(() => Int) version!: number;
  @Field() secret!: string;
}

@ObjectType('WebhookDeliveryAttempt')
export class WebhookDeliveryAttemptView {
  @Field(() => Int, { description: 'Counted from 1 across every sequence of the delivery.' }) attempt!: number;
  @Field(() => Int, { description: '1, then one more for each replay.' }) sequence!: number;
  @Field({ description: 'ISO 8601.' }) attemptedAt!: string;
  @Field(() => Int) durationMs!: number;
  @Field(() => Int, { nullable: true, description: 'Null when no response came (refused, unreachable, timed out).' }) statusCode!: number | null;
  @Field(() => String, { nullable: true }) error!: string | null;
}

@ObjectType('WebhookDelivery', { description: 'One public event for one endpoint, and every attempt to deliver it.' })
export class WebhookDeliveryView {
  @Field(() => ID) id!: string;
  @Field(() => ID) endpointId!: string;
  @Field(() => ID) eventId!: string;
  @Field() eventType!: string;
  @Field({ description: 'The webhook-id header: the same on every attempt and replay.' }) webhookId!: string;
  @Field(() => WebhookDeliveryStatusEnum) status!: string;
  @Field(() => Int) sequence!: number;
  @Field(() => String, { nullable: true }) nextAttemptAt!: string | null;
  @Field() createdAt!: string;
  @Field(() => [WebhookDeliveryAttemptView], { description: 'Oldest first.' }) attempts!: WebhookDeliveryAttemptView[];
}

@ObjectType('WebhookDeliveryPage', { description: 'Deliveries, newest first.' })
export class WebhookDeliveryPage {
  @Field(() => [WebhookDeliveryView]) items!: WebhookDeliveryView[];
  @Field(() => String, { nullable: true, description: 'Pass as `after` for the next page.' }) endCursor!: string | null;
  @Field() hasNextPage!: boolean;
}

@InputType()
export class RegisterWebhookEndpointInput {
  @Field(() => ID, { nullable: true }) endpointId?: string;
  @Field({ description: 'https only.' }) url!: string;
  @Field(() => [String], { description: 'Public event types (see webhookEventTypes).' }) eventTypes!: string[];
}

@InputType()
export class WebhookEndpointInput {
  @Field(() => ID) endpointId!: string;
  @Field(() => Int, { nullable: true }) expectedVersion?: number;
}

@InputType()
export class ChangeWebhookEventTypesInput {
  @Field(() => ID) endpointId!: string;
  @Field(() => Int, { nullable: true }) expectedVersion?: number;
  @Field(() => [String]) eventTypes!: string[];
}
