import { Field, InputType, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('EmailTemplate', { description: "One kind's email in one locale: the tenant's own, or the one shipped with the product." })
export class EmailTemplateView {
  @Field({ description: 'The notification kind (DEADLINE_REMINDER, PHASE_OVERDUE, …).' }) kind!: string;
  @Field({ description: 'A BCP 47 language tag: en, es, es-US.' }) locale!: string;
  @Field({ description: 'TENANT when the tenant set it, DEFAULT when shipped.' }) source!: string;
  @Field() subject!: string;
  @Field({ description: 'The plain-text body; variables are inserted as they are.' }) text!: string;
  @Field({ description: 'The HTML body; every variable is HTML-escaped.' }) html!: string;
  @Field(() => String, { nullable: true, description: 'Who set the tenant template.' }) setBy!: string | null;
}

@ObjectType('EmailTemplates')
export class EmailTemplatesView {
  @Field(() => [EmailTemplateView], { description: 'Every kind in each shipped locale, and every tenant template in any other locale.' }) templates!: EmailTemplateView[];
  @Field(() => [String], { description: 'What templates may show, as <%= it.name %>; conditions as <% if (it.daysLeft === 0) { %>…<% } else { %>…<% } %>.' })
  variables!: string[];
  @Field(() => Int, { nullable: true, description: "Send as expectedVersion to change what you read; null until the tenant's first change." }) version!: number | null;
}

@ObjectType('EmailPreview', { description: 'An email rendered with sample data, as a recipient in the locale would get it.' })
export class EmailPreviewView {
  @Field() subject!: string;
  @Field() text!: string;
  @Field() html!: string;
  @Field({ description: 'The locale of the template used, after falling back (es-MX → es → en).' }) locale!: string;
  @Field() source!: string;
}

@ObjectType('EmailTemplatesResult')
export class EmailTemplatesResult {
  @Field(() => Int, { nullable: true }) version!: number | null;
}

@InputType()
export class SetEmailTemplateInput {
  @Field() kind!: string;
  @Field() locale!: string;
  @Field() subject!: string;
  @Field() text!: string;
  @Field() html!: string;
  @Field(() => Int, { nullable: true }) expectedVersion?: number;
}

@InputType()
export class ResetEmailTemplateInput {
  @Field() kind!: string;
  @Field() locale!: string;
  @Field(() => Int, { nullable: true }) expectedVersion?: number;
}
