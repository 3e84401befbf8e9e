import { Directive, Field, GraphQLISODateTime, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { DateScalar } from '@growth/service-kit';
import { NOTIFICATION_KINDS, type NotificationKind } from '../delivery/notification';

export const NotificationKindEnum = Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, k])) as Record<NotificationKind, NotificationKind>;
registerEnumType(NotificationKindEnum, { name: 'NotificationKind', description: 'What a message is about: a deadline, an escalation, or a step that awaits someone.' });

@ObjectType('Person')
@Directive('@key(fields: "id", resolvable: false)')
export class PersonReference {
  @Field(() => ID) id!: string;
}

@ObjectType('InboxMessage', { description: 'A message in your in-app inbox. It names what it is about by id; the review or goal itself is read from its own service.' })
export class InboxMessageView {
  @Field(() => ID) id!: string;
  @Field(() => NotificationKindEnum) kind!: NotificationKind;
  @Field({ description: 'REVIEW, GOAL or CYCLE.' }) subjectType!: string;
  @Field(() => ID) subjectId!: string;
  @Field(() => PersonReference, { nullable: true, description: 'Whose review or goal it is.' }) person!: PersonReference | null;
  @Field(() => PersonReference, { nullable: true, description: 'Set when this reached you for someone without a work email (you supervise them).' })
  onBehalfOf!: PersonReference | null;
  @Field(() => String, { nullable: true, description: 'The phase a reminder is about.' }) phase!: string | null;
  @Field(() => DateScalar, { nullable: true }) dueOn!: string | null;
  @Field(() => Int, { nullable: true, description: 'Days left to the due date when it was sent; negative once overdue.' }) daysLeft!: number | null;
  @Field(() => Int, { nullable: true, description: "HR's escalation: reviews still open in the phase." }) overdueCount!: number | null;
  @Field(() => String, { nullable: true }) cycleName!: string | null;
  @Field(() => GraphQLISODateTime) sentAt!: Date;
  @Field(() => GraphQLISODateTime, { nullable: true }) readAt!: Date | null;
}

@ObjectType('InboxPage')
export class InboxPage {
  @Field(() => [InboxMessageView], { description: 'Newest first.' }) items!: InboxMessageView[];
  @Field(() => String, { nullable: true, description: 'Pass as `after` for the next page.' }) endCursor!: string | null;
  @Field() hasNextPage!: boolean;
  @Field(() => Int) unread!: number;
}

@ObjectType('OpenAction', { description: 'Something you must do now: the next phase of a review, ratings, a signature, a goal to agree.' })
export class OpenActionView {
  @Field({ description: 'COMPLETE_PHASE, RATE_SELF_ASSESSMENT, SIGN_REVIEW or AGREE_GOAL.' }) kind!: string;
  @Field() subjectType!: string;
  @Field(() => ID) subjectId!: string;
  @Field(() => PersonReference) person!: PersonReference;
  @Field(() => String, { nullable: true }) phase!: string | null;
  @Field(() => DateScalar, { nullable: true }) dueOn!: string | null;
  @Field() overdue!: boolean;
}
