import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandContext } from '@growth/es';
import type { RegisterTenant } from '../domain/tenant.commands';
import { DirectoryCommandHandler, type CommandResult } from '../../shared/directory-command-handler';
import { tenantAggregate } from '../tenant.stream';

export class RegisterTenantCommand extends Command<CommandResult> {
  constructor(
    readonly command: Omit<RegisterTenant, 'type' | 'tenantId'>,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(RegisterTenantCommand)
export class RegisterTenantHandler extends DirectoryCommandHandler implements ICommandHandler<RegisterTenantCommand, CommandResult> {
  execute({ command, context }: RegisterTenantCommand): Promise<CommandResult> {
    return this.run(context, (unit) => unit.decide(tenantAggregate, unit.tenantId, { type: 'RegisterTenant', tenantId: unit.tenantId, ...command }, 'no_stream'));
  }
}
