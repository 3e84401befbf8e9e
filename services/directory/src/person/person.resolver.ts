import { Args, Context, ID, Int, Mutation, Parent, Query, Resolver, ResolveReference } from '@nestjs/graphql';
import { CommandBus } from '@nestjs/cqrs';
import { DataSource, type EntityManager } from 'typeorm';
import { ForbiddenError, isUuid, newId, ValidationFailedError } from '@growth/es';
import { withTenant } from '@growth/es-postgres';
import { CurrentIdentity, commandContext, type GraphQLContext, type Identity } from '@growth/service-kit';
import { authorizeOnPerson, authorizeTenantWide, peopleFilterFor } from '../access/access-facts';
import { isIsoDate } from '../shared/domain/dates';
import { DateScalar } from '@growth/service-kit';
import { requirePageSize, requireUuid, unlessNull } from '../shared/resolver-helpers';
import type { CommandResult } from '../shared/directory-command-handler';
import { tenantToday } from '../tenant/tenant.queries';
import { lineManagementSpan, type LineManagementSpan } from './domain/line-management-span';
import type { EmployedStatus } from './domain/person.events';
import { AddPersonCommand } from './add-person/add-person.handler';
import { AssignSupervisorCommand } from './assign-supervisor/assign-supervisor.handler';
import { ChangeEmploymentStatusCommand } from './change-employment-status/change-employment-status.handler';
import { ChangePersonDetailsCommand } from './change-person-details/change-person-details.handler';
import { MovePersonToSiteCommand } from './move-person-to-site/move-person-to-site.handler';
import { RecordPersonLeftCommand } from './record-person-left/record-person-left.handler';
import {
  AddPersonInput,
  AssignSupervisorInput,
  ChangeEmploymentStatusInput,
  ChangePersonDetailsInput,
  LineManagementSpanEnum,
  MovePersonToSiteInput,
  PersonCommandResult,
  PersonPage,
  PersonView,
  RecordPersonLeftInput,
  ReportingLineView,
  SiteHeadcount,
} from './person.graphql';
import { countReports, findPerson, headcountBySite, pageOfPeople, reportingLineOn, type Page, type PersonRow } from './person.queries';

export const toPersonView = (r: PersonRow): PersonView => ({
  id: r.person_id,
  staffNumber: r.staff_number,
  firstName: r.first_name,
  lastName: r.last_name,
  displayName: `${r.first_name} ${r.last_name}`,
  workEmail: r.work_email,
  jobClassification: r.job_classification,
  siteId: r.site_id,
  employmentStatus: r.employment_status,
  startDate: r.start_date,
  leftOn: r.left_on,
  supervisorId: r.supervisor_id,
  version: r.version,
});

const toPage = (page: Page<PersonRow>): PersonPage => ({ ...page, items: page.items.map(toPersonView) });
const EMPTY_PAGE: PersonPage = { items: [], endCursor: null, hasNextPage: false };

/** What `person(id)` answers for one id: the person, null (absent, or another tenant's), or its refusal. */
type ReferenceOutcome = PersonView | null | ForbiddenError;

/**
 * The person references of one request, resolved together: the gateway sends every `Person` it needs (each review's
 * employee and reviewer) in one `_entities` call, and each would otherwise take a transaction of its own. Created
 * for one request's context with that context's verified identity, and kept only beside it (`loaders` below), so
 * nothing it holds can answer another caller.
 */
class PersonReferenceLoader {
  private pending = new Map<string, Array<{ resolve: (person: PersonView | null) => void; reject: (error: unknown) => void }>>();
  private scheduled = false;

  constructor(private readonly resolveAll: (ids: readonly string[]) => Promise<Map<string, ReferenceOutcome>>) {}

  load(id: string): Promise<PersonView | null> {
    return new Promise((resolve, reject) => {
      this.pending.set(id, [...(this.pending.get(id) ?? []), { resolve, reject }]);
      if (this.scheduled) return;
      this.scheduled = true;
      // After the current turn: every reference of the `_entities` call has asked by then.
      setImmediate(() => void this.flush());
    });
  }

  private async flush(): Promise<void> {
    const batch = this.pending;
    this.pending = new Map();
    this.scheduled = false;
    try {
      const outcomes = await this.resolveAll([...batch.keys()]);
      for (const [id, waiting] of batch) {
        const outcome = outcomes.get(id) ?? null;
        for (const { resolve, reject } of waiting) {
          if (outcome instanceof ForbiddenError) reject(outcome);
          else resolve(outcome);
        }
      }
    } catch (error) {
      for (const waiting of batch.values()) for (const { reject } of waiting) reject(error);
    }
  }
}

/** One loader per request, keyed by that request's context object (which holds its one identity) and gone with it. */
const loaders = new WeakMap<GraphQLContext, PersonReferenceLoader>();

/** People, their reporting lines and span. Every read runs in a tenant transaction and asks the policy first. */
@Resolver(() => PersonView)
export class PersonResolver {
  constructor(
    private readonly commands: CommandBus,
    private readonly dataSource: DataSource,
  ) {}

  private read<T>(identity: Identity, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return withTenant(this.dataSource, identity.tenantId, work);
  }

  @Query(() => PersonView, { nullable: true, description: 'A person you may see: yourself, your reporting chain, or anyone (HR, tenant admin).' })
  person(@Args('id', { type: () => ID }) id: string, @CurrentIdentity() identity: Identity): Promise<PersonView | null> {
    return this.read(identity, async (manager) => {
      await authorizeOnPerson(manager, identity, 'read person', id);
      const row = await findPerson(manager, identity.tenantId, id);
      return row ? toPersonView(row) : null;
    });
  }

  /**
   * A person named by another subgraph, through the gateway: exactly what `person(id)` would answer this caller
   * (the same checks, in the same order), for all references of the request in one tenant transaction.
   */
  @ResolveReference()
  resolveReference(@Parent() reference: { __typename: 'Person'; id: unknown }, @Context() context: GraphQLContext, @CurrentIdentity() identity: Identity): Promise<PersonView | null> {
    let loader = loaders.get(context);
    if (!loader) {
      loader = new PersonReferenceLoader((ids) => this.referencedPeople(identity, ids));
      loaders.set(context, loader);
    }
    return loader.load(typeof reference.id === 'string' ? reference.id : '');
  }

  private referencedPeople(identity: Identity, ids: readonly string[]): Promise<Map<string, ReferenceOutcome>> {
    return this.read(identity, async (manager) => {
      const outcomes = new Map<string, ReferenceOutcome>();
      for (const id of ids) {
        try {
          await authorizeOnPerson(manager, identity, 'read person', id);
        } catch (error) {
          // A refusal is that reference's answer; anything else (the database) fails them all.
          if (!(error instanceof ForbiddenError)) throw error;
          outcomes.set(id, error);
          continue;
        }
        const row = await findPerson(manager, identity.tenantId, id);
        outcomes.set(id, row ? toPersonView(row) : null);
      }
      return outcomes;
    });
  }

  @Query(() => PersonPage, { description: 'People you may see, optionally at one site, by last name. Staff see themselves and their chain.' })
  people(
    @CurrentIdentity() identity: Identity,
    @Args('siteId', { type: () => ID, nullable: true }) siteId?: string,
    @Args('first', { type: () => Int, defaultValue: 50 }) first = 50,
    @Args('after', { type: () => String, nullable: true }) after?: string,
  ): Promise<PersonPage> {
    return this.read(identity, async (manager) => {
      const filter = await peopleFilterFor(manager, identity, 'read person');
      requirePageSize(first);
      if (!filter || (siteId && !isUuid(siteId))) return EMPTY_PAGE;
      return toPage(await pageOfPeople(manager, identity.tenantId, filter, { siteId, first, after }));
    });
  }

  @Query(() => ReportingLineView, { nullable: true, description: "The person's supervisor on a date (default: today in the tenant's time zone)." })
  supervisorOf(
    @Args('personId', { type: () => ID }) personId: string,
    @CurrentIdentity() identity: Identity,
    @Args('on', { type: () => DateScalar, nullable: true }) on?: string,
  ): Promise<ReportingLineView | null> {
    return this.read(identity, async (manager) => {
      await authorizeOnPerson(manager, identity, 'read person', personId);
      if (on && !isIsoDate(on)) throw new ValidationFailedError([{ path: 'on', message: 'must be a date as YYYY-MM-DD' }]);
      const line = await reportingLineOn(manager, identity.tenantId, personId, on ?? (await tenantToday(manager, identity.tenantId, new Date())));
      if (!line) return null;
      // Naming one's own supervisor is part of seeing one's own line, even though their record is not in one's scope.
      const supervisor = await findPerson(manager, identity.tenantId, line.supervisor_id);
      return {
        personId,
        supervisor: { id: line.supervisor_id, displayName: supervisor ? `${supervisor.first_name} ${supervisor.last_name}` : '' },
        validFrom: line.valid_from,
        validTo: line.valid_to,
      };
    });
  }

  @Query(() => PersonPage, { description: 'Direct reports, or (includeIndirect) everyone below the person, by last name.' })
  reportsOf(
    @Args('personId', { type: () => ID }) personId: string,
    @CurrentIdentity() identity: Identity,
    @Args('includeIndirect', { defaultValue: false }) includeIndirect: boolean = false,
    @Args('first', { type: () => Int, defaultValue: 50 }) first = 50,
    @Args('after', { type: () => String, nullable: true }) after?: string,
  ): Promise<PersonPage> {
    return this.read(identity, async (manager) => {
      // Seeing a person means seeing who is below them: all of it lies within the caller's scope too.
      await authorizeOnPerson(manager, identity, 'read person', personId);
      requirePageSize(first);
      if (!isUuid(personId)) return EMPTY_PAGE;
      const filter = { kind: 'chain', rootId: personId, includeRoot: false, maxDepth: includeIndirect ? undefined : 1 } as const;
      return toPage(await pageOfPeople(manager, identity.tenantId, filter, { first, after }));
    });
  }

  @Query(() => LineManagementSpanEnum, { nullable: true, description: 'NONE, TEAM_MANAGER or MANAGER_OF_MANAGERS, from the current reporting lines.' })
  lineManagementSpan(@Args('personId', { type: () => ID }) personId: string, @CurrentIdentity() identity: Identity): Promise<LineManagementSpan | null> {
    return this.read(identity, async (manager) => {
      await authorizeOnPerson(manager, identity, 'read person', personId);
      if (!(await findPerson(manager, identity.tenantId, personId))) return null;
      const { direct, managing } = await countReports(manager, identity.tenantId, personId);
      return lineManagementSpan(direct, managing);
    });
  }

  @Query(() => [SiteHeadcount], { description: 'Employed people per site (an aggregate: for analysts, HR and tenant admins).' })
  headcountBySite(@CurrentIdentity() identity: Identity): Promise<SiteHeadcount[]> {
    authorizeTenantWide(identity, 'read aggregates');
    return this.read(identity, async (manager) =>
      (await headcountBySite(manager, identity.tenantId)).map((r) => ({ siteId: r.site_id, siteName: r.site_name, active: r.active, onLeave: r.on_leave })),
    );
  }

  // ---- commands (HR and tenant admins) ----

  /** Authorization comes before input checks: a caller who may not write learns nothing about valid input. */
  private mayWrite(identity: Identity): void {
    authorizeTenantWide(identity, 'change people');
  }

  private async execute(identity: Identity, personId: string, command: (context: ReturnType<typeof commandContext>) => object): Promise<PersonCommandResult> {
    const { version } = await this.commands.execute<object, CommandResult>(command(commandContext(identity)));
    return { personId, version };
  }

  @Mutation(() => PersonCommandResult, { description: 'Add a member of staff.' })
  addPerson(@Args('input') input: AddPersonInput, @CurrentIdentity() identity: Identity): Promise<PersonCommandResult> {
    this.mayWrite(identity);
    const personId = input.personId ?? newId();
    requireUuid(personId, 'personId');
    requireUuid(input.siteId, 'siteId');
    const { staffNumber, firstName, lastName, jobClassification, siteId, startDate } = input;
    return this.execute(identity, personId, (context) =>
      new AddPersonCommand(
        { personId, staffNumber, firstName, lastName, workEmail: input.workEmail ?? null, jobClassification, siteId, startDate, employmentStatus: input.employmentStatus as EmployedStatus },
        context,
      ),
    );
  }

  @Mutation(() => PersonCommandResult, { description: 'Change names, work email, job classification or start date.' })
  changePersonDetails(@Args('input') input: ChangePersonDetailsInput, @CurrentIdentity() identity: Identity): Promise<PersonCommandResult> {
    this.mayWrite(identity);
    requireUuid(input.personId, 'personId');
    const details = {
      personId: input.personId,
      firstName: unlessNull(input.firstName),
      lastName: unlessNull(input.lastName),
      workEmail: input.workEmail, // null clears it
      jobClassification: unlessNull(input.jobClassification),
      startDate: unlessNull(input.startDate),
    };
    return this.execute(identity, input.personId, (context) => new ChangePersonDetailsCommand(details, input.expectedVersion, context));
  }

  @Mutation(() => PersonCommandResult)
  movePersonToSite(@Args('input') input: MovePersonToSiteInput, @CurrentIdentity() identity: Identity): Promise<PersonCommandResult> {
    this.mayWrite(identity);
    requireUuid(input.personId, 'personId');
    requireUuid(input.siteId, 'siteId');
    return this.execute(identity, input.personId, (context) => new MovePersonToSiteCommand(input.personId, input.siteId, input.expectedVersion, context));
  }

  @Mutation(() => PersonCommandResult)
  changeEmploymentStatus(@Args('input') input: ChangeEmploymentStatusInput, @CurrentIdentity() identity: Identity): Promise<PersonCommandResult> {
    this.mayWrite(identity);
    requireUuid(input.personId, 'personId');
    return this.execute(identity, input.personId, (context) => new ChangeEmploymentStatusCommand(input.personId, input.employmentStatus as EmployedStatus, input.expectedVersion, context));
  }

  @Mutation(() => PersonCommandResult)
  recordPersonLeft(@Args('input') input: RecordPersonLeftInput, @CurrentIdentity() identity: Identity): Promise<PersonCommandResult> {
    this.mayWrite(identity);
    requireUuid(input.personId, 'personId');
    return this.execute(identity, input.personId, (context) => new RecordPersonLeftCommand(input.personId, input.leftOn, input.expectedVersion, context));
  }

  @Mutation(() => PersonCommandResult, { description: 'Assign, change or (supervisorId: null) remove a supervisor from a date on. Cycles are refused.' })
  assignSupervisor(@Args('input') input: AssignSupervisorInput, @CurrentIdentity() identity: Identity): Promise<PersonCommandResult> {
    this.mayWrite(identity);
    requireUuid(input.personId, 'personId');
    if (input.supervisorId !== null) requireUuid(input.supervisorId, 'supervisorId');
    return this.execute(identity, input.personId, (context) => new AssignSupervisorCommand(input.personId, input.supervisorId, input.effectiveFrom, input.expectedVersion, context));
  }
}
