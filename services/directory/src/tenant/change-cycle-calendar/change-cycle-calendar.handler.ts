import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandContext } from '@growth/es';
import type { CycleCalendar } from '../domain/tenant.events';
import { DirectoryCommandHandler, type CommandResult } from '../../shared/directory-command-handler';
import { tenantAggregate } from '../tenant.stream';

export class ChangeCycleCalendarCommand extends Command<CommandResult> {
  constructor(
    readonly cycleCalendar: CycleCalendar,
    readonly expectedVersion: number,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(ChangeCycleCalendarCommand)
export class ChangeCycleCalendarHandler extends DirectoryCommandHandler implements ICommandHandler<ChangeCycleCalendarCommand, CommandResult> {
  execute({ cycleCalendar, expectedVersion, context }: ChangeCycleCalendarCommand): Promise<CommandResult> {
    return this.run(context, (unit) => unit.decide(tenantAggregate, unit.tenantId, { type: 'ChangeCycleCalendar', tenantId: unit.tenantId, cycleCalendar }, expectedVersion));
  }
}
