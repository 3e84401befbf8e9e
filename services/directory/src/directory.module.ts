import { Module, type DynamicModule } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { SubgraphModule, eventInfrastructureProviders, serviceInfoResolver } from '@growth/service-kit';
import type { ServiceInfrastructure } from '@growth/messaging';
import { AuditTrailResolver } from './audit/audit-trail.resolver';
import { ImportPeopleHandler } from './import/import-people.handler';
import { ImportResolver } from './import/import.resolver';
import { AddPersonHandler } from './person/add-person/add-person.handler';
import { AssignSupervisorHandler } from './person/assign-supervisor/assign-supervisor.handler';
import { ChangeEmploymentStatusHandler } from './person/change-employment-status/change-employment-status.handler';
import { ChangePersonDetailsHandler } from './person/change-person-details/change-person-details.handler';
import { MovePersonToSiteHandler } from './person/move-person-to-site/move-person-to-site.handler';
import { PersonResolver } from './person/person.resolver';
import { RecordPersonLeftHandler } from './person/record-person-left/record-person-left.handler';
import { ChangeSiteDetailsHandler } from './site/change-site-details/change-site-details.handler';
import { MoveSiteHandler } from './site/move-site/move-site.handler';
import { OpenSiteHandler } from './site/open-site/open-site.handler';
import { SiteResolver } from './site/site.resolver';
import { ChangeCycleCalendarHandler } from './tenant/change-cycle-calendar/change-cycle-calendar.handler';
import { ChangeTenantSettingsHandler } from './tenant/change-tenant-settings/change-tenant-settings.handler';
import { RegisterTenantHandler } from './tenant/register-tenant/register-tenant.handler';
import { TenantResolver } from './tenant/tenant.resolver';

const HANDLERS = [
  RegisterTenantHandler,
  ChangeTenantSettingsHandler,
  ChangeCycleCalendarHandler,
  OpenSiteHandler,
  ChangeSiteDetailsHandler,
  MoveSiteHandler,
  AddPersonHandler,
  ChangePersonDetailsHandler,
  MovePersonToSiteHandler,
  ChangeEmploymentStatusHandler,
  RecordPersonLeftHandler,
  AssignSupervisorHandler,
  ImportPeopleHandler,
];

@Module({})
export class DirectoryModule {
  static register(infrastructure: ServiceInfrastructure): DynamicModule {
    return {
      module: DirectoryModule,
      imports: [CqrsModule.forRoot(), SubgraphModule.forRoot()],
      providers: [
        ...eventInfrastructureProviders(infrastructure),
        serviceInfoResolver('directory'),
        TenantResolver,
        SiteResolver,
        PersonResolver,
        AuditTrailResolver,
        ImportResolver,
        ...HANDLERS,
      ],
    };
  }
}
