import { Controller, Get, HttpException, HttpStatus, Inject, Param, Query, Req, Res } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { requireUuid } from '@growth/es';
import { withTenant } from '@growth/es-postgres';
import { authorize, exposedError, SERVICE_CONTEXT, verifyIdentity, type Identity, type IncomingHeaders, type ServiceContext } from '@growth/service-kit';
import { goalsPolicy } from '../access/goals.policy';
import { pipeline } from 'node:stream';
import { trainingPlanCsv } from './training-plan.csv';
import { EXPORT_LIMITS, ExportSlots, stallGuard } from './training-plan.export-limits';
import { trainingPlanExportRows, trainingPlanScope, type TrainingPlanScope } from './training-plan.queries';

/** What the route uses of Fastify's request and reply. */
interface Request {
  readonly headers: IncomingHeaders;
}
interface Reply {
  code(status: number): Reply;
  header(name: string, value: string): Reply;
  send(payload: unknown): Reply;
}

const STATUS_OF: Readonly<Record<string, number>> = {
  UNAUTHENTICATED: HttpStatus.UNAUTHORIZED,
  FORBIDDEN: HttpStatus.FORBIDDEN,
  NOT_FOUND: HttpStatus.NOT_FOUND,
  VALIDATION_FAILED: HttpStatus.BAD_REQUEST,
};

/**
 * The School Training Plan as a CSV download, for HR and supervisors: the same identity, the same access rules and
 * the same needs as the `siteTrainingPlan` query, streamed from a database cursor as the client reads. Each download
 * holds a database connection until it ends, so only a few run at once per instance (`EXPORT_LIMITS`); the next
 * is refused with 503 `BUSY` and a `Retry-After`, and a client that stops reading is cut off.
 */
@Controller('training-plans')
export class TrainingPlanController {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(SERVICE_CONTEXT) private readonly context: ServiceContext,
  ) {}

  private readonly slots = new ExportSlots(EXPORT_LIMITS.concurrent);

  @Get(':siteId.csv')
  async export(
    @Req() request: Request,
    @Res() reply: Reply,
    @Param('siteId') siteId: string,
    @Query('cycleId') cycleId?: string,
    @Query('includeSubSites') includeSubSites?: string,
  ): Promise<Reply> {
    const scope = await this.scopeOf(request, { siteId, cycleId: cycleId ?? null, includeSubSites: includeSubSites !== 'false' });
    const release = this.slots.take();
    if (!release) {
      return reply
        .code(HttpStatus.SERVICE_UNAVAILABLE)
        .header('retry-after', String(EXPORT_LIMITS.retryAfterSeconds))
        .header('content-type', 'application/json; charset=utf-8')
        .send({ code: 'BUSY', message: `Too many training plan downloads at once: retry in ${EXPORT_LIMITS.retryAfterSeconds} s` });
    }
    // Fastify destroys the stream when the client goes away; the pipeline then stops the cursor's generator.
    const csv = pipeline(trainingPlanCsv(trainingPlanExportRows(this.dataSource, scope.tenantId, scope), { totals: true }), stallGuard(EXPORT_LIMITS.stallMs), () => undefined);
    csv.once('close', release);
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="training-plan-${siteId}.csv"`)
      .header('cache-control', 'no-store')
      .send(csv);
  }

  /** Everything that can refuse the export does so here, before the first byte of it is sent. */
  private async scopeOf(request: Request, asked: Omit<TrainingPlanScope, 'people'>): Promise<TrainingPlanScope & { tenantId: string }> {
    const verified = verifyIdentity(request.headers, this.context.gatewaySecret);
    if (!verified.ok) throw new HttpException({ code: 'UNAUTHENTICATED', message: 'Requests must come through the gateway' }, HttpStatus.UNAUTHORIZED);
    const identity: Identity = verified.identity;
    try {
      authorize(goalsPolicy, identity, 'take part in goals');
      requireUuid(asked.siteId, 'siteId');
      if (asked.cycleId !== null) requireUuid(asked.cycleId, 'cycleId');
      const scope = await withTenant(this.dataSource, identity.tenantId, (m) => trainingPlanScope(m, identity, asked));
      return { ...scope, tenantId: identity.tenantId };
    } catch (error) {
      const exposed = exposedError(error);
      const status = exposed ? STATUS_OF[String(exposed.extensions.code)] : undefined;
      if (!exposed || status === undefined) throw error;
      throw new HttpException({ code: exposed.extensions.code, message: exposed.message }, status);
    }
  }
}
