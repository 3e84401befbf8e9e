import { Field, GraphQLISODateTime, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { CHANNELS, type Channel, type NotificationKind } from '../delivery/notification';
import { NotificationKindEnum } from '../inbox/inbox.graphql';

export const ChannelEnum = Object.fromEntries(CHANNELS.map((c) => [c, c])) as Record<Channel, Channel>;
registerEnumType(ChannelEnum, { name: 'NotificationChannel', description: 'INBOX: the in-app inbox. EMAIL: the work email, or the supervisor\'s inbox for staff without one.' });

@ObjectType('NotificationKindSetting')
export class KindSettingView {
  @Field(() => NotificationKindEnum) kind!: NotificationKind;
  @Field() enabled!: boolean;
  @Field(() => [ChannelEnum]) channels!: Channel[];
}

@ObjectType('NotificationPolicy', { description: "The tenant's notification policy." })
export class NotificationPolicyView {
  @Field(() => [KindSettingView]) kinds!: KindSettingView[];
  @Field(() => [Int], { description: 'Reminders go this many days before each due date, on the day, and an escalation the day after.' }) daysBefore!: number[];
  @Field({ description: "HH:MM on the tenant's wall clocks." }) sendAt!: string;
  @Field(() => String, { nullable: true, description: "HR's shared mailbox for escalations by email." }) hrMailbox!: string | null;
  @Field(() => Int) version!: number;
}

@InputType()
export class ConfigureNotificationKindInput {
  @Field(() => NotificationKindEnum) kind!: NotificationKind;
  @Field() enabled!: boolean;
  @Field(() => [ChannelEnum]) channels!: Channel[];
}

@InputType()
export class SetReminderScheduleInput {
  @Field(() => [Int]) daysBefore!: number[];
  @Field() sendAt!: string;
}

@ObjectType('MyNotificationPreference')
export class PreferenceView {
  @Field(() => NotificationKindEnum) kind!: NotificationKind;
  @Field(() => [ChannelEnum], { description: 'Where this kind reaches you now.' }) channels!: Channel[];
  @Field({ description: 'Whether you chose them, or they are the tenant\'s.' }) chosen!: boolean;
  @Field(() => [ChannelEnum], { description: 'What the tenant allows you to choose from.' }) allowed!: Channel[];
}

@ObjectType('NotificationSendAttempt')
export class SendAttemptView {
  @Field(() => Int) attempt!: number;
  @Field(() => GraphQLISODateTime) attemptedAt!: Date;
  @Field({ description: 'SENT, ROUTED, SKIPPED or FAILED.' }) outcome!: string;
  @Field(() => String, { nullable: true }) detail!: string | null;
}

@ObjectType('NotificationSend', { description: 'One message over one channel to one recipient, with every attempt.' })
export class SendView {
  @Field(() => ID) id!: string;
  @Field(() => NotificationKindEnum) kind!: NotificationKind;
  @Field() subject!: string;
  @Field() reminder!: string;
  @Field(() => ChannelEnum) channel!: Channel;
  @Field({ description: 'A person id, or role:hr.' }) recipient!: string;
  @Field({ description: 'PENDING, SENT, ROUTED (to the supervisor\'s inbox), SKIPPED or FAILED.' }) status!: string;
  @Field(() => [SendAttemptView]) attempts!: SendAttemptView[];
  @Field(() => GraphQLISODateTime) createdAt!: Date;
}

@ObjectType('NotificationSendPage')
export class SendPage {
  @Field(() => [SendView]) items!: SendView[];
  @Field(() => String, { nullable: true }) endCursor!: string | null;
  @Field() hasNextPage!: boolean;
}
