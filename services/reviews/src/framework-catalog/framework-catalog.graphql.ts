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

  @Field()
  status!: string;

  @Field(() => Int, { description: 'The framework stream version this row reflects.' })
  version!: number;

  @Field()
  updatedAt!: Date;
}
