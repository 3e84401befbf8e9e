import { randomBytes } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { EntityManager } from 'typeorm';
import { newId, runCommand, type CommandContext, type EventStore, type ExpectedVersion } from '@growth/es';
import { EVENT_STORE } from '@growth/service-kit';
import { NOTIFICATIONS_CONFIG, type NotificationsConfig } from '../../notifications.config';
import type { WebhookEndpointCommand } from '../domain/webhook-endpoint.commands';
import type { WebhookActor, WebhookEndpointState } from '../domain/webhook-endpoint.model';
import { webhookEndpointAggregate } from '../webhook-endpoint.stream';

type WithoutContext<C> = C extends unknown ? Omit<C, 'endpointId' | 'actor' | 'secretId' | 'allowPrivateTargets' | 'now'> : never;
export type WebhookEndpointRequest = WithoutContext<WebhookEndpointCommand>;

export interface WebhookEndpointResult {
  readonly endpointId: string;
  readonly version: number;
  /** The new signing secret, on register and rotate only: shown this once, never readable again. */
  readonly secret: string | null;
}

export class ApplyWebhookEndpointCommand extends Command<WebhookEndpointResult> {
  constructor(
    readonly endpointId: string,
    readonly request: WebhookEndpointRequest,
    readonly actor: WebhookActor,
    readonly expectedVersion: ExpectedVersion | undefined,
    readonly context: CommandContext,
  ) {
    super();
  }
}

interface Facts {
  readonly endpointId: string;
  readonly actor: WebhookActor;
  readonly secretId: string;
  readonly allowPrivateTargets: boolean;
  readonly now: Date;
}

const commandOf = (request: WebhookEndpointRequest, { endpointId, actor, secretId, allowPrivateTargets, now }: Facts): WebhookEndpointCommand => {
  switch (request.type) {
    case 'RegisterWebhookEndpoint':
      return { ...request, endpointId, actor, secretId, allowPrivateTargets };
    case 'RotateWebhookSecret':
      return { ...request, endpointId, actor, secretId, now };
    default:
      return { ...request, endpointId, actor };
  }
};

/** Standard Webhooks symmetric secrets: `whsec_` and 32 random bytes in base64 (the spec asks for at least 24). */
const newSecret = (): string => `whsec_${randomBytes(32).toString('base64')}`;

/**
 * Registers and changes webhook endpoints. Registering and rotating generate the secret here, store it under a new
 * id in the command's transaction (as-is: signing needs the secret itself) and keep only the id in the events; a
 * rotation forgets every secret but the new one and the one it replaces.
 */
@CommandHandler(ApplyWebhookEndpointCommand)
export class ApplyWebhookEndpointCommandHandler implements ICommandHandler<ApplyWebhookEndpointCommand, WebhookEndpointResult> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore<EntityManager>,
    @Inject(NOTIFICATIONS_CONFIG) private readonly config: NotificationsConfig,
  ) {}

  async execute({ endpointId, request, actor, expectedVersion, context }: ApplyWebhookEndpointCommand): Promise<WebhookEndpointResult> {
    return runCommand(this.store, context, async (unit) => {
      const issuesSecret = request.type === 'RegisterWebhookEndpoint' || request.type === 'RotateWebhookSecret';
      const secretId = newId();
      const command = commandOf(request, { endpointId, actor, secretId, allowPrivateTargets: this.config.webhooks.allowPrivateTargets, now: context.now });
      const { version, state } = await unit.decide(webhookEndpointAggregate, endpointId, command, expectedVersion);
      if (!issuesSecret) return { endpointId, version, secret: null };
      const secret = newSecret();
      await this.keepSecrets(unit.transaction, unit.tenantId, state, secretId, secret, context.now);
      return { endpointId, version, secret };
    });
  }

  private async keepSecrets(m: EntityManager, tenantId: string, state: WebhookEndpointState, secretId: string, secret: string, now: Date): Promise<void> {
    await m.query(`INSERT INTO webhook_secrets (tenant_id, endpoint_id, secret_id, secret, created_at) VALUES ($1, $2, $3, $4, $5)`, [tenantId, state.endpointId, secretId, secret, now]);
    const keep = [state.secretId, state.previousSecret?.secretId].filter((id): id is string => !!id);
    await m.query(`DELETE FROM webhook_secrets WHERE tenant_id = $1 AND endpoint_id = $2 AND NOT (secret_id = ANY($3::uuid[]))`, [tenantId, state.endpointId, keep]);
  }
}
