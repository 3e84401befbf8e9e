import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandContext } from '@growth/es';
import type { RegisterTenant } from '../domain/tenant.commands';
import { DirectoryCommandHandler, type CommandResult } from '../../shared/directory-command-handler';

export class RegisterTenantCommand {
  constructor(
    readonly command: Omit<RegisterTenant, 'type' | 'tenantId'>,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(RegisterTenantCommand)
export class RegisterTenantHandler extends DirectoryCommandHandler implements ICommandHandler<RegisterTenantCommand, CommandResult> {
  execute({ command, context }: RegisterTenantCommand): Promise<CommandResult> {
    return this.run(context, (tx) => tx.tenantSettings({ type: 'RegisterTenant', tenantId: tx.tenantId, ...command }, 'no_stream'));
  }
}
