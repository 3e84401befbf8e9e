import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import type { AlignmentRelation } from '../framework/domain/crosswalk';

export const AlignmentRelationEnum = {
  EQUIVALENT: 'EQUIVALENT',
  BROADER: 'BROADER',
  NARROWER: 'NARROWER',
  RELATED: 'RELATED',
} as const satisfies Record<AlignmentRelation, AlignmentRelation>;
registerEnumType(AlignmentRelationEnum, {
  name: 'CompetencyAlignmentRelation',
  description: 'How one competency relates to another: EQUIVALENT, BROADER (includes the other), NARROWER (is included in the other) or RELATED (overlaps).',
});

@InputType({ description: 'A competency by id within a framework (ids are stable across versions).' })
export class CompetencyRefInput {
  @Field(() => ID)
  frameworkId!: string;

  @Field()
  competencyId!: string;
}

@InputType({ description: 'Align a competency with one of another framework: `from RELATION to`.' })
export class AlignCompetenciesInput {
  @Field(() => CompetencyRefInput)
  from!: CompetencyRefInput;

  @Field(() => CompetencyRefInput)
  to!: CompetencyRefInput;

  @Field(() => AlignmentRelationEnum, { description: 'Read from `from` to `to`: BROADER means `from` includes `to`.' })
  relation!: AlignmentRelation;

  @Field({ nullable: true, description: 'Up to 2000 characters.' })
  note?: string;
}

@InputType({ description: 'Remove the alignment of a pair of competencies, whichever way round it was stated.' })
export class RemoveCompetencyAlignmentInput {
  @Field(() => CompetencyRefInput)
  from!: CompetencyRefInput;

  @Field(() => CompetencyRefInput)
  to!: CompetencyRefInput;
}

@ObjectType('CrosswalkCommandResult')
export class CrosswalkCommandResult {
  @Field(() => Int, { description: "The version of your tenant's crosswalk after the command." })
  version!: number;
}

@ObjectType('CrosswalkCompetency', { description: "A competency in a crosswalk, with its framework's and its own current names." })
export class CrosswalkCompetencyView {
  @Field(() => ID) frameworkId!: string;
  @Field(() => String, { nullable: true, description: 'Null if the framework no longer exists for you.' }) frameworkName!: string | null;
  @Field() competencyId!: string;
  @Field(() => String, { nullable: true, description: "Null if the competency is no longer in the framework's current version." }) competencyName!: string | null;
}

@ObjectType('CompetencyAlignment', { description: 'An alignment seen from `competency`: `competency RELATION aligned`.' })
export class CompetencyAlignmentView {
  @Field(() => CrosswalkCompetencyView) competency!: CrosswalkCompetencyView;
  @Field(() => AlignmentRelationEnum) relation!: AlignmentRelation;
  @Field(() => CrosswalkCompetencyView) aligned!: CrosswalkCompetencyView;
  @Field(() => String, { nullable: true }) note!: string | null;
}
