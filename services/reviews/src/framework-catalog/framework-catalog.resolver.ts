import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import { DataSource } from 'typeorm';
import { withTenant } from '@growth/es-postgres';
import { CurrentIdentity, authorize, type Identity } from '@growth/service-kit';
import { reviewsPolicy } from '../access/reviews.policy';
import { CatalogFramework } from './framework-catalog.graphql';

interface CatalogRow {
  framework_id: string;
  name: string;
  purpose: string;
  kind: string;
  status: string;
  version: number;
  latest_published_version: number | null;
  updated_at: Date;
}
const toView = (r: CatalogRow): CatalogFramework => ({ frameworkId: r.framework_id, name: r.name, purpose: r.purpose, kind: r.kind, status: r.status, latestPublishedVersion: r.latest_published_version, version: r.version, updatedAt: r.updated_at });

@Resolver(() => CatalogFramework)
export class FrameworkCatalogResolver {
  constructor(private readonly dataSource: DataSource) {}

  @Query(() => [CatalogFramework], { description: "Your tenant's frameworks that reviews can use, by name." })
  async frameworkCatalog(@CurrentIdentity() identity: Identity): Promise<CatalogFramework[]> {
    authorize(reviewsPolicy, identity, 'read framework catalogue');
    const rows: CatalogRow[] = await withTenant(this.dataSource, identity.tenantId, (m) =>
      m.query(`SELECT * FROM framework_catalog WHERE tenant_id = $1 ORDER BY name, framework_id LIMIT 500`, [identity.tenantId]),
    );
    return rows.map(toView);
  }

  @Query(() => CatalogFramework, { nullable: true })
  async catalogFramework(@Args('frameworkId', { type: () => ID }) frameworkId: string, @CurrentIdentity() identity: Identity): Promise<CatalogFramework | null> {
    authorize(reviewsPolicy, identity, 'read framework catalogue');
    const rows: CatalogRow[] = await withTenant(this.dataSource, identity.tenantId, (m) =>
      m.query(`SELECT * FROM framework_catalog WHERE tenant_id = $1 AND framework_id::text = $2`, [identity.tenantId, frameworkId]),
    );
    return rows[0] ? toView(rows[0]) : null;
  }
}
