import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import type { FrameworkKind } from '@growth/contracts';

export const FrameworkKindEnum = {
  COMPETENCY_FRAMEWORK: 'COMPETENCY_FRAMEWORK',
  BEHAVIOURAL_ATTRIBUTES: 'BEHAVIOURAL_ATTRIBUTES',
  LEADERSHIP_FRAMEWORK: 'LEADERSHIP_FRAMEWORK',
} as const satisfies Record<FrameworkKind, FrameworkKind>;
registerEnumType(FrameworkKindEnum, { name: 'FrameworkKind', description: 'What a framework catalogues: competencies, behavioural attributes or leadership expectations.' });

@InputType({ description: 'Start a new competency framework as a draft.' })
export class CreateFrameworkDraftInput {
  @Field(() => ID, { nullable: true, description: 'Client-chosen UUID, so a retried request cannot create two frameworks. Generated when omitted.' })
  frameworkId?: string;

  @Field({ description: 'Up to 200 characters, e.g. "Classified Performance Framework".' })
  name!: string;

  @Field({ defaultValue: '', description: 'Why the framework exists and whom it is for.' })
  purpose!: string;

  @Field(() => FrameworkKindEnum, { defaultValue: FrameworkKindEnum.COMPETENCY_FRAMEWORK })
  kind!: FrameworkKind;
}

@InputType()
export class RenameFrameworkDraftInput {
  @Field(() => ID)
  frameworkId!: string;

  @Field()
  name!: string;

  @Field(() => Int, { description: 'The version you last read; a stale one fails with CONCURRENCY_CONFLICT and changes nothing.' })
  expectedVersion!: number;
}

@ObjectType({ description: 'The result of a framework command: the version to send as expectedVersion next time.' })
export class FrameworkCommandResult {
  @Field(() => ID)
  frameworkId!: string;

  @Field(() => Int)
  version!: number;
}

@ObjectType('Framework')
export class FrameworkView {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field()
  purpose!: string;

  @Field(() => FrameworkKindEnum)
  kind!: FrameworkKind;

  @Field({ description: 'DRAFT until published.' })
  status!: string;

  @Field(() => Int)
  version!: number;
}
