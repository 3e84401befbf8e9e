import { Inject } from '@nestjs/common';
import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CommandBus } from '@nestjs/cqrs';
import { DataSource, type EntityManager } from 'typeorm';
import { InvalidStateError, newId, NotFoundError, requireUuid, type ExpectedVersion } from '@growth/es';
import { withTenant } from '@growth/es-postgres';
import { authorize, commandContext, CurrentIdentity, requirePageSize, type Identity } from '@growth/service-kit';
import { NOTIFICATIONS_CONFIG, type NotificationsConfig } from '../notifications.config';
import { ApplyWebhookEndpointCommand, type WebhookEndpointRequest } from './apply-endpoint-command/apply-endpoint-command.handler';
import { WEBHOOK_EVENT_TYPES } from './domain/webhook-endpoint.model';
import {
  ChangeWebhookEventTypesInput,
  RegisterWebhookEndpointInput,
  WebhookDeliveryPage,
  WebhookDeliveryStatusEnum,
  WebhookDeliveryView,
  WebhookEndpointInput,
  WebhookEndpointResult,
  WebhookEndpointView,
  WebhookSecretResult,
} from './webhook.graphql';
import { notificationsPolicy } from '../access/notifications.policy';
import { retryScheduleOf } from './deliver-webhook/retry-schedule';
import { deliveryById, pageOfDeliveries, replayDeliveries, webhookEndpoints } from './webhook.queries';

const LARGEST_PAGE = 100;

/** Tenant admins' webhook endpoints and deliveries; every read runs in the caller's tenant transaction. */
@Resolver(() => WebhookEndpointView)
export class WebhookResolver {
  constructor(
    private readonly commands: CommandBus,
    private readonly dataSource: DataSource,
    @Inject(NOTIFICATIONS_CONFIG) private readonly config: NotificationsConfig,
  ) {}

  private replay(m: EntityManager, tenantId: string, filter: { endpointId: string } | { deliveryId: string }): Promise<string[]> {
    return replayDeliveries(m, tenantId, filter, { now: new Date(), schedule: retryScheduleOf(this.config.webhooks) });
  }

  private async run(identity: Identity, endpointId: string, request: WebhookEndpointRequest, expectedVersion: ExpectedVersion | undefined) {
    authorize(notificationsPolicy, identity, 'manage webhooks');
    requireUuid(endpointId, 'input.endpointId');
    return this.commands.execute(new ApplyWebhookEndpointCommand(endpointId, request, { kind: 'TENANT_ADMIN', personId: identity.actorId }, expectedVersion, commandContext(identity)));
  }

  private async endpointMustExist(identity: Identity, endpointId: string): Promise<WebhookEndpointView> {
    requireUuid(endpointId, 'endpointId');
    const [endpoint] = await withTenant(this.dataSource, identity.tenantId, (m) => webhookEndpoints(m, identity.tenantId, endpointId));
    if (!endpoint) throw new NotFoundError('no such webhook endpoint');
    return endpoint;
  }

  @Query(() => [String], { description: 'Tenant admins: the public event types an endpoint may subscribe to.' })
  webhookEventTypes(@CurrentIdentity() identity: Identity): string[] {
    authorize(notificationsPolicy, identity, 'read webhooks');
    return [...WEBHOOK_EVENT_TYPES];
  }

  @Query(() => [WebhookEndpointView], { description: "Tenant admins: the tenant's webhook endpoints." })
  webhookEndpoints(@CurrentIdentity() identity: Identity): Promise<WebhookEndpointView[]> {
    authorize(notificationsPolicy, identity, 'read webhooks');
    return withTenant(this.dataSource, identity.tenantId, (m) => webhookEndpoints(m, identity.tenantId));
  }

  @Query(() => WebhookDeliveryPage, { description: "Tenant admins: an endpoint's deliveries with their attempts, newest first." })
  async webhookDeliveries(
    @CurrentIdentity() identity: Identity,
    @Args('endpointId', { type: () => ID }) endpointId: string,
    @Args('status', { type: () => WebhookDeliveryStatusEnum, nullable: true }) status: string | null,
    @Args('first', { type: () => Int, defaultValue: 20 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ): Promise<WebhookDeliveryPage> {
    authorize(notificationsPolicy, identity, 'read webhooks');
    requireUuid(endpointId, 'endpointId');
    requirePageSize(first, LARGEST_PAGE);
    return withTenant(this.dataSource, identity.tenantId, (m) => pageOfDeliveries(m, identity.tenantId, { endpointId, status: status ?? null, first, after: after ?? null }));
  }

  @Mutation(() => WebhookSecretResult, { description: 'Tenant admins: register an endpoint; the answer holds its signing secret, shown only this once.' })
  async registerWebhookEndpoint(@CurrentIdentity() identity: Identity, @Args('input') input: RegisterWebhookEndpointInput): Promise<WebhookSecretResult> {
    const endpointId = input.endpointId ?? newId();
    const { version, secret } = await this.run(identity, endpointId, { type: 'RegisterWebhookEndpoint', url: input.url, eventTypes: input.eventTypes }, 'no_stream');
    return { id: endpointId, version, secret: secret ?? '' };
  }

  @Mutation(() => WebhookSecretResult, { description: 'Tenant admins: a new signing secret, shown only this once; the previous one also signs deliveries for 24 hours.' })
  async rotateWebhookSecret(@CurrentIdentity() identity: Identity, @Args('input') input: WebhookEndpointInput): Promise<WebhookSecretResult> {
    const { version, secret } = await this.run(identity, input.endpointId, { type: 'RotateWebhookSecret' }, input.expectedVersion ?? undefined);
    return { id: input.endpointId, version, secret: secret ?? '' };
  }

  @Mutation(() => WebhookEndpointResult, { description: 'Tenant admins: the event types an endpoint receives from now on.' })
  async changeWebhookEventTypes(@CurrentIdentity() identity: Identity, @Args('input') input: ChangeWebhookEventTypesInput): Promise<WebhookEndpointResult> {
    const { version } = await this.run(identity, input.endpointId, { type: 'ChangeWebhookEventTypes', eventTypes: input.eventTypes }, input.expectedVersion ?? undefined);
    return { id: input.endpointId, version };
  }

  @Mutation(() => WebhookEndpointResult, { description: 'Tenant admins: stop sending to an endpoint; deliveries still waiting are cancelled.' })
  async disableWebhookEndpoint(@CurrentIdentity() identity: Identity, @Args('input') input: WebhookEndpointInput): Promise<WebhookEndpointResult> {
    const { version } = await this.run(identity, input.endpointId, { type: 'DisableWebhookEndpoint', reason: 'BY_ADMIN' }, input.expectedVersion ?? undefined);
    return { id: input.endpointId, version };
  }

  @Mutation(() => WebhookEndpointResult, { description: 'Tenant admins: send to an endpoint again (events from now on; replay dead deliveries for the rest).' })
  async enableWebhookEndpoint(@CurrentIdentity() identity: Identity, @Args('input') input: WebhookEndpointInput): Promise<WebhookEndpointResult> {
    const { version } = await this.run(identity, input.endpointId, { type: 'EnableWebhookEndpoint' }, input.expectedVersion ?? undefined);
    return { id: input.endpointId, version };
  }

  @Mutation(() => WebhookDeliveryView, {
    description: 'Tenant admins: deliver a DEAD delivery again (or a PENDING one whose attempt is over an hour overdue), with a new attempt sequence and the same webhook-id.',
  })
  async replayWebhookDelivery(@CurrentIdentity() identity: Identity, @Args('deliveryId', { type: () => ID }) deliveryId: string): Promise<WebhookDeliveryView> {
    authorize(notificationsPolicy, identity, 'manage webhooks');
    requireUuid(deliveryId, 'deliveryId');
    return withTenant(this.dataSource, identity.tenantId, async (m) => {
      const delivery = await deliveryById(m, identity.tenantId, deliveryId);
      if (!delivery) throw new NotFoundError('no such webhook delivery');
      const replayed = await this.replay(m, identity.tenantId, { deliveryId });
      if (replayed.length === 0) throw new InvalidStateError(`Cannot replay the delivery: it is ${delivery.status}, not DEAD nor over an hour overdue, or its endpoint is disabled`);
      return (await deliveryById(m, identity.tenantId, deliveryId)) as WebhookDeliveryView;
    });
  }

  @Mutation(() => Int, { description: 'Tenant admins: replay every DEAD delivery of an enabled endpoint, and every PENDING one over an hour overdue; answers how many.' })
  async replayDeadWebhookDeliveries(@CurrentIdentity() identity: Identity, @Args('endpointId', { type: () => ID }) endpointId: string): Promise<number> {
    authorize(notificationsPolicy, identity, 'manage webhooks');
    const endpoint = await this.endpointMustExist(identity, endpointId);
    if (endpoint.status !== 'ENABLED') throw new InvalidStateError('Cannot replay deliveries: the endpoint is disabled');
    return withTenant(this.dataSource, identity.tenantId, async (m) => (await this.replay(m, identity.tenantId, { endpointId })).length);
  }
}
