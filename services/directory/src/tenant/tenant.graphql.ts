import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('MonthDay')
export class MonthDayView {
  @Field(() => Int) month!: number;
  @Field(() => Int) day!: number;
}

@ObjectType('CycleCalendar', { description: 'Deadlines of the annual cycle, the same month and day every year.' })
export class CycleCalendarView {
  @Field(() => MonthDayView) goalSetting!: MonthDayView;
  @Field(() => MonthDayView) midYearReflection!: MonthDayView;
  @Field(() => MonthDayView) yearEndConference!: MonthDayView;
}

@ObjectType('Tenant', { description: 'Your district or council.' })
export class TenantView {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field({ description: 'IANA time zone, e.g. America/Los_Angeles.' }) timeZone!: string;
  @Field({ description: 'BCP 47 locale, e.g. en-US.' }) locale!: string;
  @Field(() => CycleCalendarView) cycleCalendar!: CycleCalendarView;
  @Field(() => Int) version!: number;
}

@ObjectType()
export class TenantCommandResult {
  @Field(() => ID) tenantId!: string;
  @Field(() => Int) version!: number;
}

@InputType()
export class MonthDayInput {
  @Field(() => Int) month!: number;
  @Field(() => Int) day!: number;
}

@InputType()
export class CycleCalendarInput {
  @Field(() => MonthDayInput) goalSetting!: MonthDayInput;
  @Field(() => MonthDayInput) midYearReflection!: MonthDayInput;
  @Field(() => MonthDayInput) yearEndConference!: MonthDayInput;
}

@InputType()
export class RegisterTenantInput {
  @Field() name!: string;
  @Field() timeZone!: string;
  @Field() locale!: string;
  @Field(() => CycleCalendarInput, { nullable: true, description: 'Defaults: goal setting by 15 Oct, mid-year by 15 Feb, year end by 1 Aug.' }) cycleCalendar?: CycleCalendarInput;
}

@InputType()
export class ChangeTenantSettingsInput {
  @Field({ nullable: true }) name?: string;
  @Field({ nullable: true }) timeZone?: string;
  @Field({ nullable: true }) locale?: string;
  @Field(() => Int) expectedVersion!: number;
}

@InputType()
export class ChangeCycleCalendarInput {
  @Field(() => CycleCalendarInput) cycleCalendar!: CycleCalendarInput;
  @Field(() => Int) expectedVersion!: number;
}
