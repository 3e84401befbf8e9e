import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import type { SiteKind } from './domain/site.events';

export const SiteKindEnum = { SCHOOL: 'SCHOOL', DEPARTMENT: 'DEPARTMENT', SERVICE: 'SERVICE' } as const satisfies Record<SiteKind, SiteKind>;
registerEnumType(SiteKindEnum, { name: 'SiteKind' });

@ObjectType('Site', { description: 'A school, department or service, in a tree.' })
export class SiteView {
  @Field(() => ID) id!: string;
  @Field({ description: 'The HRIS code, unique in the tenant.' }) code!: string;
  @Field() name!: string;
  @Field(() => SiteKindEnum, { nullable: true, description: 'Unknown for sites the HRIS import opened.' }) kind!: SiteKind | null;
  @Field(() => ID, { nullable: true }) parentSiteId!: string | null;
  @Field(() => Int) version!: number;
}

@ObjectType()
export class SiteCommandResult {
  @Field(() => ID) siteId!: string;
  @Field(() => Int) version!: number;
}

@InputType()
export class OpenSiteInput {
  @Field(() => ID, { nullable: true, description: 'Client-chosen UUID; generated when omitted.' }) siteId?: string;
  @Field() code!: string;
  @Field() name!: string;
  @Field(() => SiteKindEnum, { nullable: true }) kind?: SiteKind | null;
  @Field(() => ID, { nullable: true }) parentSiteId?: string | null;
}

@InputType()
export class ChangeSiteDetailsInput {
  @Field(() => ID) siteId!: string;
  @Field({ nullable: true }) name?: string;
  @Field(() => SiteKindEnum, { nullable: true }) kind?: SiteKind | null;
  @Field(() => Int) expectedVersion!: number;
}

@InputType()
export class MoveSiteInput {
  @Field(() => ID) siteId!: string;
  @Field(() => ID, { nullable: true, description: 'null makes the site a root.' }) parentSiteId!: string | null;
  @Field(() => Int) expectedVersion!: number;
}
