import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandContext } from '@growth/es';
import type { CycleCalendar } from '../domain/tenant.events';
import { DirectoryCommandHandler, type CommandResult } from '../../shared/directory-command-handler';

export class ChangeCycleCalendarCommand {
  constructor(
    readonly cycleCalendar: CycleCalendar,
    readonly expectedVersion: number,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(ChangeCycleCalendarCommand)
export class ChangeCycleCalendarHandler extends DirectoryCommandHandler implements ICommandHandler<ChangeCycleCalendarCommand, CommandResult> {
  execute({ cycleCalendar, expectedVersion, context }: ChangeCycleCalendarCommand): Promise<CommandResult> {
    return this.run(context, (tx) => tx.tenantSettings({ type: 'ChangeCycleCalendar', tenantId: tx.tenantId, cycleCalendar }, expectedVersion));
  }
}
