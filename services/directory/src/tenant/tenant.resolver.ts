import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CommandBus } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { withTenant } from '@growth/es-postgres';
import { CurrentIdentity, commandContext, type Identity } from '@growth/service-kit';
import { authorizeTenantWide } from '../access/access-facts';
import type { CommandResult } from '../shared/directory-command-handler';
import { unlessNull } from '../shared/resolver-helpers';
import { ChangeCycleCalendarCommand } from './change-cycle-calendar/change-cycle-calendar.handler';
import { ChangeTenantSettingsCommand } from './change-tenant-settings/change-tenant-settings.handler';
import { RegisterTenantCommand } from './register-tenant/register-tenant.handler';
import { ChangeCycleCalendarInput, ChangeTenantSettingsInput, RegisterTenantInput, TenantCommandResult, TenantView } from './tenant.graphql';
import { findTenant } from './tenant.queries';

/** The caller's own tenant only: its id always comes from the verified identity. */
@Resolver(() => TenantView)
export class TenantResolver {
  constructor(
    private readonly commands: CommandBus,
    private readonly dataSource: DataSource,
  ) {}

  @Query(() => TenantView, { nullable: true, description: 'Your tenant: settings and cycle calendar; null until registered.' })
  tenant(@CurrentIdentity() identity: Identity): Promise<TenantView | null> {
    authorizeTenantWide(identity, 'read tenant');
    return withTenant(this.dataSource, identity.tenantId, async (manager) => {
      const row = await findTenant(manager, identity.tenantId);
      return row ? { id: row.tenant_id, name: row.name, timeZone: row.time_zone, locale: row.locale, cycleCalendar: row.cycle_calendar, version: row.version } : null;
    });
  }

  private async execute(identity: Identity, command: (context: ReturnType<typeof commandContext>) => object): Promise<TenantCommandResult> {
    authorizeTenantWide(identity, 'configure tenant');
    const { version } = await this.commands.execute<object, CommandResult>(command(commandContext(identity)));
    return { tenantId: identity.tenantId, version };
  }

  @Mutation(() => TenantCommandResult, { description: 'Register your tenant (tenant admins).' })
  registerTenant(@Args('input') input: RegisterTenantInput, @CurrentIdentity() identity: Identity): Promise<TenantCommandResult> {
    return this.execute(identity, (context) => new RegisterTenantCommand({ name: input.name, timeZone: input.timeZone, locale: input.locale, cycleCalendar: input.cycleCalendar }, context));
  }

  @Mutation(() => TenantCommandResult, { description: 'Change name, time zone or locale (tenant admins).' })
  changeTenantSettings(@Args('input') input: ChangeTenantSettingsInput, @CurrentIdentity() identity: Identity): Promise<TenantCommandResult> {
    const settings = { name: unlessNull(input.name), timeZone: unlessNull(input.timeZone), locale: unlessNull(input.locale) };
    return this.execute(identity, (context) => new ChangeTenantSettingsCommand(settings, input.expectedVersion, context));
  }

  @Mutation(() => TenantCommandResult, { description: 'Move the deadlines of the annual cycle (tenant admins).' })
  changeCycleCalendar(@Args('input') input: ChangeCycleCalendarInput, @CurrentIdentity() identity: Identity): Promise<TenantCommandResult> {
    return this.execute(identity, (context) => new ChangeCycleCalendarCommand(input.cycleCalendar, input.expectedVersion, context));
  }
}
