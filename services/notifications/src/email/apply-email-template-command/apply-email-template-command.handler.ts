import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { EntityManager } from 'typeorm';
import { runCommand, type Actor, type CommandContext, type EventStore, type ExpectedVersion } from '@growth/es';
import { EVENT_STORE } from '@growth/service-kit';
import type { EmailTemplatesCommand } from '../domain/email-templates.commands';
import { emailTemplatesAggregate } from '../email-templates.stream';

type WithoutActor<C> = C extends unknown ? Omit<C, 'actor'> : never;
export type EmailTemplatesRequest = WithoutActor<EmailTemplatesCommand>;

export class ApplyEmailTemplateCommand extends Command<{ version: number | null }> {
  constructor(
    readonly request: EmailTemplatesRequest,
    readonly actor: Actor,
    readonly expectedVersion: ExpectedVersion | undefined,
    readonly context: CommandContext,
  ) {
    super();
  }
}

/** Sets or resets one of the tenant's email templates, on the tenant's one templates stream. */
@CommandHandler(ApplyEmailTemplateCommand)
export class ApplyEmailTemplateCommandHandler implements ICommandHandler<ApplyEmailTemplateCommand, { version: number | null }> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore<EntityManager>) {}

  async execute({ request, actor, expectedVersion, context }: ApplyEmailTemplateCommand): Promise<{ version: number | null }> {
    return runCommand(this.store, context, async (unit) => {
      const { version } = await unit.decide(emailTemplatesAggregate, unit.tenantId, { ...request, actor } as EmailTemplatesCommand, expectedVersion);
      // A reset of a template a new tenant never set leaves no stream behind.
      return { version: version < 0 ? null : version };
    });
  }
}
