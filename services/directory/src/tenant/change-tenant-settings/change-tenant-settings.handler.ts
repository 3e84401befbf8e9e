import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandContext } from '@growth/es';
import type { ChangeTenantSettings } from '../domain/tenant.commands';
import { DirectoryCommandHandler, type CommandResult } from '../../shared/directory-command-handler';

export class ChangeTenantSettingsCommand {
  constructor(
    readonly command: Omit<ChangeTenantSettings, 'type' | 'tenantId'>,
    readonly expectedVersion: number,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(ChangeTenantSettingsCommand)
export class ChangeTenantSettingsHandler extends DirectoryCommandHandler implements ICommandHandler<ChangeTenantSettingsCommand, CommandResult> {
  execute({ command, expectedVersion, context }: ChangeTenantSettingsCommand): Promise<CommandResult> {
    return this.run(context, (tx) => tx.tenantSettings({ type: 'ChangeTenantSettings', tenantId: tx.tenantId, ...command }, expectedVersion));
  }
}
