import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandContext } from '@growth/es';
import type { ChangeTenantSettings } from '../domain/tenant.commands';
import { DirectoryCommandHandler, type CommandResult } from '../../shared/directory-command-handler';
import { tenantAggregate } from '../tenant.stream';

export class ChangeTenantSettingsCommand extends Command<CommandResult> {
  constructor(
    readonly command: Omit<ChangeTenantSettings, 'type' | 'tenantId'>,
    readonly expectedVersion: number,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(ChangeTenantSettingsCommand)
export class ChangeTenantSettingsHandler extends DirectoryCommandHandler implements ICommandHandler<ChangeTenantSettingsCommand, CommandResult> {
  execute({ command, expectedVersion, context }: ChangeTenantSettingsCommand): Promise<CommandResult> {
    return this.run(context, (unit) => unit.decide(tenantAggregate, unit.tenantId, { type: 'ChangeTenantSettings', tenantId: unit.tenantId, ...command }, expectedVersion));
  }
}
