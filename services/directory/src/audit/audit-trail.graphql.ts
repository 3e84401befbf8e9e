import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';

export const AuditSubjectTypeEnum = { PERSON: 'PERSON', SITE: 'SITE', TENANT: 'TENANT' } as const;
export type AuditSubjectType = keyof typeof AuditSubjectTypeEnum;
registerEnumType(AuditSubjectTypeEnum, { name: 'AuditSubjectType' });

@ObjectType({ description: 'One recorded change: who, when, in which request, and what changed.' })
export class AuditEntry {
  @Field({ description: 'The event type, e.g. PersonDetailsChanged.' }) type!: string;
  @Field(() => Int, { description: "Position in the subject's history, from 0." }) version!: number;
  @Field() occurredAt!: Date;
  @Field(() => ID) actorId!: string;
  @Field() correlationId!: string;
  @Field({ description: 'What changed, with values before and after.' }) summary!: string;
}
