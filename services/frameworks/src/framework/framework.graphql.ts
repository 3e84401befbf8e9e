import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { GraphQLScalarType, Kind, type ValueNode } from 'graphql';
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

export const FrameworkStatusEnum = { DRAFT: 'DRAFT', PUBLISHED: 'PUBLISHED', RETIRED: 'RETIRED' } as const;
export type FrameworkStatus = keyof typeof FrameworkStatusEnum;
registerEnumType(FrameworkStatusEnum, {
  name: 'FrameworkStatus',
  description: 'DRAFT: a version is open for edits; PUBLISHED: the latest version is published and no draft is open; RETIRED: no longer offered.',
});

export const DocumentFormatEnum = { JSON: 'JSON', YAML: 'YAML' } as const;
export type DocumentFormat = keyof typeof DocumentFormatEnum;
registerEnumType(DocumentFormatEnum, { name: 'FrameworkDocumentFormat', description: 'The syntax of a framework document (format growth.framework/v1).' });

const literal = (node: ValueNode): unknown => {
  switch (node.kind) {
    case Kind.STRING:
    case Kind.BOOLEAN:
    case Kind.ENUM:
      return node.value;
    case Kind.INT:
    case Kind.FLOAT:
      return Number(node.value);
    case Kind.NULL:
      return null;
    case Kind.LIST:
      return node.values.map(literal);
    case Kind.OBJECT:
      return Object.fromEntries(node.fields.map((f) => [f.name.value, literal(f.value)]));
    default:
      return undefined;
  }
};

/** Any JSON value (a draft's content; the before/after values of a change). */
export const FrameworkJSONScalar = new GraphQLScalarType({
  name: 'FrameworkJSON',
  description: 'Any JSON value.',
  serialize: (value) => value,
  parseValue: (value) => value,
  parseLiteral: literal,
});

// ----- inputs ------------------------------------------------------------------------------------------------------

const EXPECTED_VERSION = 'The version you last read; a stale one fails with CONCURRENCY_CONFLICT and changes nothing.';

@InputType()
export class ChangeFrameworkDraftPurposeInput {
  @Field(() => ID)
  frameworkId!: string;

  @Field({ description: 'Up to 4000 characters; may be empty.' })
  purpose!: string;

  @Field(() => Int, { description: EXPECTED_VERSION })
  expectedVersion!: number;
}

@InputType({ description: 'Import a framework document as a new draft framework (created and filled in one step).' })
export class ImportFrameworkDocumentInput {
  @Field(() => ID, { nullable: true, description: 'Client-chosen UUID, so a retried request cannot create two frameworks. Generated when omitted.' })
  frameworkId?: string;

  @Field({ description: 'The document text (format: growth.framework/v1).' })
  document!: string;

  @Field(() => DocumentFormatEnum, { defaultValue: DocumentFormatEnum.YAML })
  format!: DocumentFormat;
}

@InputType({ description: "Replace the open draft's name, purpose and content with a document's. The document's kind must be the framework's." })
export class ReplaceFrameworkDraftContentFromDocumentInput {
  @Field(() => ID)
  frameworkId!: string;

  @Field(() => Int, { description: EXPECTED_VERSION })
  expectedVersion!: number;

  @Field({ description: 'The document text (format: growth.framework/v1).' })
  document!: string;

  @Field(() => DocumentFormatEnum, { defaultValue: DocumentFormatEnum.YAML })
  format!: DocumentFormat;
}

@InputType({ description: "Replace the open draft's content (what a document holds besides format, kind, name and purpose) with a JSON value." })
export class ReplaceFrameworkDraftContentInput {
  @Field(() => ID)
  frameworkId!: string;

  @Field(() => Int, { description: EXPECTED_VERSION })
  expectedVersion!: number;

  @Field(() => FrameworkJSONScalar, {
    description: 'The content as in a framework document: { clusterTerm?, sourceNote?, ratingScale?, responsibilityLevels?, clusters, selectionRules? }. Issues are reported at the same paths as in a document.',
  })
  content!: unknown;
}

@InputType()
export class PublishFrameworkInput {
  @Field(() => ID)
  frameworkId!: string;

  @Field(() => Int, { description: EXPECTED_VERSION })
  expectedVersion!: number;
}

@InputType()
export class StartNewFrameworkDraftVersionInput {
  @Field(() => ID)
  frameworkId!: string;

  @Field(() => Int, { description: EXPECTED_VERSION })
  expectedVersion!: number;
}

@InputType()
export class RetireFrameworkInput {
  @Field(() => ID)
  frameworkId!: string;

  @Field({ defaultValue: '', description: 'Up to 2000 characters.' })
  reason!: string;

  @Field(() => Int, { description: EXPECTED_VERSION })
  expectedVersion!: number;
}

// ----- content -----------------------------------------------------------------------------------------------------

@ObjectType('FrameworkRatingLevel')
export class RatingLevelView {
  @Field() id!: string;
  @Field() label!: string;
  @Field() definition!: string;
  @Field({ description: 'The expected standard; exactly one level of a published scale.' }) benchmark!: boolean;
  @Field({ nullable: true }) sourceNote?: string;
}

@ObjectType('FrameworkRatingScale')
export class RatingScaleView {
  @Field() id!: string;
  @Field() name!: string;
  @Field(() => [RatingLevelView], { description: 'Lowest level first.' }) levels!: RatingLevelView[];
  @Field({ nullable: true }) sourceNote?: string;
}

@ObjectType('FrameworkResponsibilityLevel')
export class ResponsibilityLevelView {
  @Field() id!: string;
  @Field() name!: string;
  @Field() definition!: string;
  @Field(() => [String], { description: 'Line-management spans: NONE, TEAM_MANAGER, MANAGER_OF_MANAGERS.' }) appliesTo!: string[];
  @Field({ nullable: true }) sourceNote?: string;
}

@ObjectType('FrameworkDescriptor', { description: 'What a competency looks like at one rating level.' })
export class DescriptorView {
  @Field() levelId!: string;
  @Field() text!: string;
}

@ObjectType('FrameworkExpectations', { description: "A cluster's expectation bullets at one level of responsibility." })
export class ExpectationsView {
  @Field() levelId!: string;
  @Field(() => [String]) bullets!: string[];
}

@ObjectType('FrameworkCompetency')
export class CompetencyView {
  @Field() id!: string;
  @Field() name!: string;
  @Field() definition!: string;
  @Field(() => [String]) indicators!: string[];
  @Field(() => [DescriptorView]) descriptors!: DescriptorView[];
  @Field({ nullable: true }) sourceNote?: string;
}

@ObjectType('FrameworkCluster')
export class ClusterView {
  @Field() id!: string;
  @Field() name!: string;
  @Field() definition!: string;
  @Field(() => [CompetencyView]) competencies!: CompetencyView[];
  @Field(() => [ExpectationsView]) expectations!: ExpectationsView[];
  @Field({ nullable: true }) sourceNote?: string;
}

@ObjectType('FrameworkPositionSpecificCompetency')
export class PositionSpecificCompetencyView {
  @Field() competencyId!: string;
  @Field(() => [String]) jobClassifications!: string[];
}

@ObjectType('FrameworkSelectionRules')
export class SelectionRulesView {
  @Field(() => Int, { nullable: true }) minCompetencies?: number;
  @Field(() => Int, { nullable: true }) maxCompetencies?: number;
  @Field() atLeastOnePerCluster!: boolean;
  @Field(() => [String]) clustersRequiredOnlyForSupervisors!: string[];
  @Field(() => [PositionSpecificCompetencyView]) positionSpecificCompetencies!: PositionSpecificCompetencyView[];
}

@ObjectType({ isAbstract: true })
export abstract class FrameworkContentFields {
  @Field()
  name!: string;

  @Field()
  purpose!: string;

  @Field(() => FrameworkKindEnum)
  kind!: FrameworkKind;

  @Field({ nullable: true, description: 'CLUSTER or THEME: what the groups are called.' })
  clusterTerm?: string;

  @Field({ nullable: true })
  sourceNote?: string;

  @Field(() => RatingScaleView, { nullable: true })
  ratingScale?: RatingScaleView;

  @Field(() => [ResponsibilityLevelView])
  responsibilityLevels!: ResponsibilityLevelView[];

  @Field(() => [ClusterView])
  clusters!: ClusterView[];

  @Field(() => SelectionRulesView, { nullable: true, description: 'Absent: every competency applies to everyone.' })
  selectionRules?: SelectionRulesView;
}

@ObjectType('FrameworkVersionSummary')
export class FrameworkVersionSummary {
  @Field(() => Int)
  version!: number;

  @Field()
  publishedAt!: Date;
}

@ObjectType('Framework', { description: 'A framework as its owner sees it now: the open draft, or else the latest published version.' })
export class FrameworkView extends FrameworkContentFields {
  @Field(() => ID)
  id!: string;

  @Field(() => FrameworkStatusEnum)
  status!: FrameworkStatus;

  @Field(() => Int, { description: 'The stream version: send it as expectedVersion with the next command.' })
  version!: number;

  @Field(() => Int, { description: 'The number (1, 2, ...) of the version shown: the open draft, else the latest published.' })
  frameworkVersion!: number;

  @Field(() => Int, { nullable: true, description: 'The open draft version, if any.' })
  draftVersion!: number | null;

  @Field(() => Int, { nullable: true })
  latestPublishedVersion!: number | null;

  @Field(() => [FrameworkVersionSummary])
  publishedVersions!: FrameworkVersionSummary[];

  @Field(() => Date, { nullable: true })
  retiredAt!: Date | null;
}

@ObjectType({ description: "A page of a tenant's frameworks in a stable order (name, then id)." })
export class FrameworkPage {
  @Field(() => [FrameworkView]) items!: FrameworkView[];
  @Field(() => String, { nullable: true, description: 'Pass as `after` for the next page.' }) endCursor!: string | null;
  @Field() hasNextPage!: boolean;
}

@ObjectType('FrameworkVersion', { description: 'One published version of a framework; it never changes.' })
export class FrameworkVersionView extends FrameworkContentFields {
  @Field(() => ID)
  frameworkId!: string;

  @Field(() => Int)
  version!: number;

  @Field()
  publishedAt!: Date;
}

@ObjectType('FrameworkChange', { description: 'One difference between two versions, matched by id.' })
export class FrameworkChangeView {
  @Field({ description: 'ADDED, REMOVED, CHANGED, MOVED or REORDERED.' }) change!: string;
  @Field({ description: 'framework, ratingScale, ratingLevel, responsibilityLevel, cluster, competency, descriptor, expectations or selectionRules.' }) entity!: string;
  @Field({ nullable: true }) clusterId?: string;
  @Field({ nullable: true }) competencyId?: string;
  @Field({ nullable: true }) levelId?: string;
  @Field({ nullable: true }) field?: string;
  @Field(() => FrameworkJSONScalar, { nullable: true }) before?: unknown;
  @Field(() => FrameworkJSONScalar, { nullable: true }) after?: unknown;
  @Field() summary!: string;
}

@ObjectType('CompetencyMatch', { description: "A competency whose name matches, in a framework's current version." })
export class CompetencyMatchView {
  @Field(() => ID) frameworkId!: string;
  @Field() frameworkName!: string;
  @Field(() => Int, { description: 'The framework version the competency is in.' }) frameworkVersion!: number;
  @Field(() => FrameworkStatusEnum) frameworkStatus!: FrameworkStatus;
  @Field() clusterId!: string;
  @Field() clusterName!: string;
  @Field(() => CompetencyView) competency!: CompetencyView;
}
