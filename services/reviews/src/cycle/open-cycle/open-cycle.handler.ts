import { Inject, Logger } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { EntityManager } from 'typeorm';
import type { FrameworkKind } from '@growth/contracts';
import { InvalidStateError, runCommand, type CommandContext, type EventStore } from '@growth/es';
import { EVENT_STORE } from '@growth/service-kit';
import { dateInCycle } from '@growth/calendar';
import { cycleAggregate } from '../cycle.stream';
import type { OpenCycle as OpenCycleCommand } from '../domain/cycle.commands';
import { DEFAULT_ASSESSMENT_SCALE, defaultProcessRules, type AssessmentLevel, type CycleDeadlines, type FrameworkRef, type ProcessRule } from '../domain/cycle.model';
import { CycleOpener } from './cycle-opener';

export interface OpenCycleRequest {
  readonly cycleId: string;
  readonly name: string;
  readonly startsOn: string;
  readonly endsOn?: string;
  readonly deadlines?: CycleDeadlines;
  readonly framework: FrameworkRef;
  readonly leadershipFramework?: FrameworkRef;
  readonly processRules?: readonly ProcessRule[];
  readonly assessmentScale?: readonly AssessmentLevel[];
}

export class OpenCycle extends Command<{ cycleId: string; version: number }> {
  constructor(
    readonly request: OpenCycleRequest,
    readonly context: CommandContext,
  ) {
    super();
  }
}

interface TenantPolicy {
  time_zone: string;
  cycle_calendar: Record<'goalSetting' | 'midYearReflection' | 'yearEndConference', { month: number; day: number }>;
}

const kindOf = async (manager: EntityManager, tenantId: string, ref: FrameworkRef | undefined): Promise<{ kind: FrameworkKind | null } | null> => {
  if (!ref) return null;
  const [row]: Array<{ kind: FrameworkKind }> = await manager.query(`SELECT kind FROM framework_versions WHERE tenant_id = $1 AND framework_id::text = $2 AND version = $3`, [tenantId, ref.frameworkId, ref.version]);
  return { kind: row?.kind ?? null };
};

/**
 * Opens a cycle with the tenant's policy filled in where the request leaves it out (deadlines from the tenant's
 * calendar, its time zone, the default process rules and assessment scale), then creates everyone's review in the
 * background: the mutation answers once the cycle exists (status OPENING), and the cycle turns OPEN when the last
 * review does. Retried with the same id and content, it answers as the first attempt did.
 */
@CommandHandler(OpenCycle)
export class OpenCycleHandler implements ICommandHandler<OpenCycle, { cycleId: string; version: number }> {
  private readonly logger = new Logger('OpenCycle');

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore<EntityManager>,
    private readonly opener: CycleOpener,
  ) {}

  async execute({ request, context }: OpenCycle): Promise<{ cycleId: string; version: number }> {
    const { tenantId } = context;
    const { version } = await runCommand(this.store, context, async (unit) => {
      const manager = unit.transaction;
      const [tenant]: TenantPolicy[] = await manager.query(`SELECT time_zone, cycle_calendar FROM review_tenants WHERE tenant_id = $1`, [tenantId]);
      if (!tenant) throw new InvalidStateError('the directory has not registered this tenant yet; register it, then open the cycle');
      const calendar = tenant.cycle_calendar;
      const deadlines = request.deadlines ?? {
        goalSetting: dateInCycle(request.startsOn, calendar.goalSetting.month, calendar.goalSetting.day),
        midYearReflection: dateInCycle(request.startsOn, calendar.midYearReflection.month, calendar.midYearReflection.day),
        yearEndConference: dateInCycle(request.startsOn, calendar.yearEndConference.month, calendar.yearEndConference.day),
      };
      const processRules = request.processRules ?? defaultProcessRules(request.leadershipFramework !== undefined);
      const siteIds = [...new Set(processRules.flatMap((r) => r.siteIds ?? []))];
      const known: Array<{ site_id: string }> = siteIds.length === 0 ? [] : await manager.query(`SELECT site_id::text FROM review_sites WHERE tenant_id = $1 AND site_id::text = ANY($2::text[])`, [tenantId, siteIds]);
      const [sameName]: Array<{ cycle_id: string }> = await manager.query(`SELECT cycle_id FROM review_cycles WHERE tenant_id = $1 AND lower(name) = lower($2) AND cycle_id::text <> $3`, [
        tenantId,
        request.name.trim(),
        request.cycleId,
      ]);
      const command: OpenCycleCommand = {
        type: 'OpenCycle',
        cycleId: request.cycleId,
        name: request.name,
        startsOn: request.startsOn,
        endsOn: request.endsOn ?? deadlines.yearEndConference,
        timeZone: tenant.time_zone,
        deadlines,
        framework: request.framework,
        leadershipFramework: request.leadershipFramework ?? null,
        processRules,
        assessmentScale: request.assessmentScale ?? DEFAULT_ASSESSMENT_SCALE,
        facts: {
          framework: (await kindOf(manager, tenantId, request.framework)) ?? { kind: null },
          leadershipFramework: await kindOf(manager, tenantId, request.leadershipFramework),
          nameUsedBy: sameName?.cycle_id ?? null,
          unknownSiteIds: siteIds.filter((id) => !known.some((k) => k.site_id === id)),
        },
      };
      return unit.decide(cycleAggregate, request.cycleId, command, 'no_stream');
    });
    this.opener.open(tenantId, request.cycleId).catch((error: unknown) => this.logger.error(`creating the reviews of cycle ${request.cycleId} failed: ${(error as Error).message}; it resumes on restart`));
    return { cycleId: request.cycleId, version };
  }
}
