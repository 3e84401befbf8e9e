import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CommandBus } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { newId } from '@growth/es';
import { withTenant } from '@growth/es-postgres';
import { CurrentIdentity, commandContext, type Identity } from '@growth/service-kit';
import { authorizeTenantWide } from '../access/access-facts';
import type { CommandResult } from '../shared/directory-command-handler';
import { requireUuid, unlessNull } from '../shared/resolver-helpers';
import { ChangeSiteDetailsCommand } from './change-site-details/change-site-details.handler';
import { MoveSiteCommand } from './move-site/move-site.handler';
import { OpenSiteCommand } from './open-site/open-site.handler';
import { ChangeSiteDetailsInput, MoveSiteInput, OpenSiteInput, SiteCommandResult, SiteView } from './site.graphql';
import { allSites, findSite, type SiteRow } from './site.queries';

const toSiteView = (r: SiteRow): SiteView => ({ id: r.site_id, code: r.code, name: r.name, kind: r.kind, parentSiteId: r.parent_site_id, version: r.version });

/** Sites are configuration: everyone in the tenant may read them; HR and tenant admins change them. */
@Resolver(() => SiteView)
export class SiteResolver {
  constructor(
    private readonly commands: CommandBus,
    private readonly dataSource: DataSource,
  ) {}

  @Query(() => SiteView, { nullable: true })
  site(@Args('id', { type: () => ID }) id: string, @CurrentIdentity() identity: Identity): Promise<SiteView | null> {
    authorizeTenantWide(identity, 'read sites');
    return withTenant(this.dataSource, identity.tenantId, async (manager) => {
      const row = await findSite(manager, identity.tenantId, id);
      return row ? toSiteView(row) : null;
    });
  }

  @Query(() => [SiteView], { description: "Your tenant's sites, by name." })
  sites(@CurrentIdentity() identity: Identity): Promise<SiteView[]> {
    authorizeTenantWide(identity, 'read sites');
    return withTenant(this.dataSource, identity.tenantId, async (manager) => (await allSites(manager, identity.tenantId)).map(toSiteView));
  }

  private async execute(identity: Identity, siteId: string, command: (context: ReturnType<typeof commandContext>) => object): Promise<SiteCommandResult> {
    const { version } = await this.commands.execute<object, CommandResult>(command(commandContext(identity)));
    return { siteId, version };
  }

  @Mutation(() => SiteCommandResult, { description: 'Open a site, optionally under a parent site.' })
  openSite(@Args('input') input: OpenSiteInput, @CurrentIdentity() identity: Identity): Promise<SiteCommandResult> {
    authorizeTenantWide(identity, 'change sites');
    const siteId = input.siteId ?? newId();
    requireUuid(siteId, 'siteId');
    const parentSiteId = input.parentSiteId ?? null;
    if (parentSiteId !== null) requireUuid(parentSiteId, 'parentSiteId');
    return this.execute(identity, siteId, (context) => new OpenSiteCommand({ siteId, code: input.code, name: input.name, kind: input.kind ?? null, parentSiteId }, context));
  }

  @Mutation(() => SiteCommandResult, { description: 'Rename a site or set its kind (kind: null clears it).' })
  changeSiteDetails(@Args('input') input: ChangeSiteDetailsInput, @CurrentIdentity() identity: Identity): Promise<SiteCommandResult> {
    authorizeTenantWide(identity, 'change sites');
    requireUuid(input.siteId, 'siteId');
    return this.execute(identity, input.siteId, (context) => new ChangeSiteDetailsCommand({ siteId: input.siteId, name: unlessNull(input.name), kind: input.kind }, input.expectedVersion, context));
  }

  @Mutation(() => SiteCommandResult, { description: 'Move a site under another parent (never under itself or its descendants).' })
  moveSite(@Args('input') input: MoveSiteInput, @CurrentIdentity() identity: Identity): Promise<SiteCommandResult> {
    authorizeTenantWide(identity, 'change sites');
    requireUuid(input.siteId, 'siteId');
    if (input.parentSiteId !== null) requireUuid(input.parentSiteId, 'parentSiteId');
    return this.execute(identity, input.siteId, (context) => new MoveSiteCommand(input.siteId, input.parentSiteId, input.expectedVersion, context));
  }
}
