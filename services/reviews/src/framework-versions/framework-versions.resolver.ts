import { Args, ID, Int, Query, Resolver } from '@nestjs/graphql';
import { DataSource } from 'typeorm';
import { isUuid } from '@growth/es';
import { withTenant } from '@growth/es-postgres';
import { CurrentIdentity, authorize, type Identity } from '@growth/service-kit';
import { reviewsPolicy } from '../access/reviews.policy';
import { PublishedFrameworkVersion } from './framework-versions.graphql';

interface VersionRow {
  framework_id: string;
  version: number;
  name: string;
  kind: string;
  definition: object;
  published_at: Date;
}

@Resolver(() => PublishedFrameworkVersion)
export class FrameworkVersionsResolver {
  constructor(private readonly dataSource: DataSource) {}

  @Query(() => PublishedFrameworkVersion, { nullable: true, description: 'A published version of one of your tenant\'s frameworks, as the reviews service holds it.' })
  async publishedFrameworkVersion(
    @Args('frameworkId', { type: () => ID }) frameworkId: string,
    @Args('version', { type: () => Int }) version: number,
    @CurrentIdentity() identity: Identity,
  ): Promise<PublishedFrameworkVersion | null> {
    authorize(reviewsPolicy, identity, 'read framework catalogue');
    if (!isUuid(frameworkId)) return null;
    const rows: VersionRow[] = await withTenant(this.dataSource, identity.tenantId, (m) =>
      m.query(`SELECT * FROM framework_versions WHERE tenant_id = $1 AND framework_id = $2 AND version = $3`, [identity.tenantId, frameworkId, version]),
    );
    const row = rows[0];
    return row ? { frameworkId: row.framework_id, version: row.version, name: row.name, kind: row.kind, publishedAt: row.published_at, definition: row.definition } : null;
  }
}
