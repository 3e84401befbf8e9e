import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { GraphQLScalarType } from 'graphql';

/** A whole framework version as JSON: the shape of `FrameworkPublished.data.framework` (docs/asyncapi.yaml). */
export const FrameworkDefinitionScalar = new GraphQLScalarType({
  name: 'FrameworkDefinitionJSON',
  description: 'A whole framework version as JSON (kind, name, purpose, rating scale, clusters, competencies, rules): the FrameworkDefinition of docs/asyncapi.yaml.',
  serialize: (value) => value,
});

@ObjectType({ description: 'A published framework version as the reviews service keeps it (from FrameworkPublished); it never changes.' })
export class PublishedFrameworkVersion {
  @Field(() => ID)
  frameworkId!: string;

  @Field(() => Int)
  version!: number;

  @Field()
  name!: string;

  @Field()
  kind!: string;

  @Field()
  publishedAt!: Date;

  @Field(() => FrameworkDefinitionScalar)
  definition!: object;
}
