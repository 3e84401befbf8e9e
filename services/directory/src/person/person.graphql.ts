import { Directive, Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { DateScalar } from '@growth/service-kit';
import type { EmploymentStatus } from './domain/person.events';
import type { LineManagementSpan } from './domain/line-management-span';

export const EmploymentStatusEnum = { ACTIVE: 'ACTIVE', ON_LEAVE: 'ON_LEAVE', LEFT: 'LEFT' } as const satisfies Record<EmploymentStatus, EmploymentStatus>;
registerEnumType(EmploymentStatusEnum, { name: 'EmploymentStatus' });

export const LineManagementSpanEnum = { NONE: 'NONE', TEAM_MANAGER: 'TEAM_MANAGER', MANAGER_OF_MANAGERS: 'MANAGER_OF_MANAGERS' } as const satisfies Record<LineManagementSpan, LineManagementSpan>;
registerEnumType(LineManagementSpanEnum, {
  name: 'LineManagementSpan',
  description: 'NONE; TEAM_MANAGER (has reports); MANAGER_OF_MANAGERS (a report of theirs has reports). Decides which levels of responsibility apply.',
});

// An entity: other subgraphs name a person by id (a review's employee and reviewer) and the gateway resolves the
// rest here, under the directory's access rules, instead of each service keeping copies of names.
@ObjectType('Person', { description: 'A member of staff in your tenant.' })
@Directive('@key(fields: "id")')
export class PersonView {
  @Field(() => ID) id!: string;
  @Field({ description: 'The HRIS key, unique in the tenant.' }) staffNumber!: string;
  @Field() firstName!: string;
  @Field() lastName!: string;
  @Field() displayName!: string;
  @Field(() => String, { nullable: true }) workEmail!: string | null;
  @Field() jobClassification!: string;
  @Field(() => ID) siteId!: string;
  @Field(() => EmploymentStatusEnum) employmentStatus!: EmploymentStatus;
  @Field(() => DateScalar) startDate!: string;
  @Field(() => DateScalar, { nullable: true }) leftOn!: string | null;
  @Field(() => ID, { nullable: true, description: 'The current supervisor.' }) supervisorId!: string | null;
  @Field(() => Int, { description: 'Send as expectedVersion with the next command on this person.' }) version!: number;
}

@ObjectType({ description: 'A page of people in a stable order (last name, first name, id).' })
export class PersonPage {
  @Field(() => [PersonView]) items!: PersonView[];
  @Field(() => String, { nullable: true, description: 'Pass as `after` for the next page.' }) endCursor!: string | null;
  @Field() hasNextPage!: boolean;
}

@ObjectType({ description: 'Just enough of a person to name them.' })
export class PersonRef {
  @Field(() => ID) id!: string;
  @Field() displayName!: string;
}

@ObjectType('ReportingLine', { description: 'A period in which one person reported to another: [validFrom, validTo).' })
export class ReportingLineView {
  @Field(() => ID) personId!: string;
  @Field(() => PersonRef) supervisor!: PersonRef;
  @Field(() => DateScalar) validFrom!: string;
  @Field(() => DateScalar, { nullable: true, description: 'Exclusive; null while current.' }) validTo!: string | null;
}

@ObjectType({ description: 'People employed at a site (an aggregate: no individual is named).' })
export class SiteHeadcount {
  @Field(() => ID) siteId!: string;
  @Field() siteName!: string;
  @Field(() => Int) active!: number;
  @Field(() => Int) onLeave!: number;
}

@ObjectType()
export class PersonCommandResult {
  @Field(() => ID) personId!: string;
  @Field(() => Int) version!: number;
}

@InputType()
export class AddPersonInput {
  @Field(() => ID, { nullable: true, description: 'Client-chosen UUID, so a retried request cannot add two people. Generated when omitted.' }) personId?: string;
  @Field() staffNumber!: string;
  @Field() firstName!: string;
  @Field() lastName!: string;
  @Field(() => String, { nullable: true }) workEmail?: string | null;
  @Field() jobClassification!: string;
  @Field(() => ID) siteId!: string;
  @Field(() => EmploymentStatusEnum, { defaultValue: 'ACTIVE', description: 'ACTIVE or ON_LEAVE.' }) employmentStatus!: EmploymentStatus;
  @Field(() => DateScalar) startDate!: string;
}

@InputType({ description: 'Only the fields given change; workEmail: null removes the address.' })
export class ChangePersonDetailsInput {
  @Field(() => ID) personId!: string;
  @Field({ nullable: true }) firstName?: string;
  @Field({ nullable: true }) lastName?: string;
  @Field(() => String, { nullable: true }) workEmail?: string | null;
  @Field({ nullable: true }) jobClassification?: string;
  @Field(() => DateScalar, { nullable: true }) startDate?: string;
  @Field(() => Int) expectedVersion!: number;
}

@InputType()
export class MovePersonToSiteInput {
  @Field(() => ID) personId!: string;
  @Field(() => ID) siteId!: string;
  @Field(() => Int) expectedVersion!: number;
}

@InputType()
export class ChangeEmploymentStatusInput {
  @Field(() => ID) personId!: string;
  @Field(() => EmploymentStatusEnum, { description: 'ACTIVE or ON_LEAVE (LEFT: recordPersonLeft). From LEFT, the person rejoins.' }) employmentStatus!: EmploymentStatus;
  @Field(() => Int) expectedVersion!: number;
}

@InputType()
export class RecordPersonLeftInput {
  @Field(() => ID) personId!: string;
  @Field(() => DateScalar, { description: 'Not after today (in the tenant time zone). Their reports are left without a supervisor.' }) leftOn!: string;
  @Field(() => Int) expectedVersion!: number;
}

@InputType()
export class AssignSupervisorInput {
  @Field(() => ID) personId!: string;
  @Field(() => ID, { nullable: true, description: 'null removes the supervisor.' }) supervisorId!: string | null;
  @Field(() => DateScalar, { description: 'From when; not after today, not before the current line began.' }) effectiveFrom!: string;
  @Field(() => Int) expectedVersion!: number;
}
