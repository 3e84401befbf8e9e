import { Field, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: "A framework as the reviews service knows it, from the frameworks service's events." })
export class CatalogFramework {
  @Field(() => ID)
  frameworkId!: string;

  @Field()
  name!: string;

  @Field()
  purpose!: string;

  @Field()
  kind!: string;

  @Field({ description: 'DRAFT while a version is open for edits, PUBLISHED when the latest version is published, RETIRED.' })
  status!: string;

  @Field(() => Int, { nullable: true, description: 'The newest published version number (1, 2, ...), if any: what new reviews use.' })
  latestPublishedVersion!: number | null;

  @Field(() => Int, { description: 'The framework stream version this row reflects.' })
  version!: number;

  @Field()
  updatedAt!: Date;
}
