import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CommandBus } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { ValidationFailedError } from '@growth/es';
import { withTenant } from '@growth/es-postgres';
import { actorOf, authorize, commandContext, CurrentIdentity, type Identity } from '@growth/service-kit';
import { notificationsPolicy } from '../access/notifications.policy';
import { NOTIFICATION_KINDS, type NotificationKind } from '../delivery/notification';
import { ApplyEmailTemplateCommand, type EmailTemplatesRequest } from './apply-email-template-command/apply-email-template-command.handler';
import { loadEmailTemplates } from './email-templates.stream';
import { EmailPreviewView, EmailTemplatesResult, EmailTemplatesView, ResetEmailTemplateInput, SetEmailTemplateInput, type EmailTemplateView } from './email-templates.graphql';
import { DEFAULT_TEMPLATE_LOCALES, DEFAULT_TEMPLATES } from './rendering/default-templates';
import { chooseTemplate, kindAndLocaleIssues, renderEmail, SAMPLE_DATA, TEMPLATE_VARIABLES, templateVariables } from './rendering/email-template';

/** The tenant's email templates: read, previewed and changed by its administrators and HR. */
@Resolver()
export class EmailTemplatesResolver {
  constructor(
    private readonly commands: CommandBus,
    private readonly dataSource: DataSource,
  ) {}

  @Query(() => EmailTemplatesView, { description: "Tenant admin, HR: the tenant's email templates, its own and the shipped ones." })
  async emailTemplates(@CurrentIdentity() identity: Identity): Promise<EmailTemplatesView> {
    authorize(notificationsPolicy, identity, 'configure notifications');
    const { state, version } = await withTenant(this.dataSource, identity.tenantId, (m) => loadEmailTemplates(m, identity.tenantId));
    const shipped: EmailTemplateView[] = DEFAULT_TEMPLATE_LOCALES.flatMap((locale) =>
      NOTIFICATION_KINDS.flatMap((kind) => {
        const template = DEFAULT_TEMPLATES[locale]?.[kind];
        const own = state.overrides.some((o) => o.kind === kind && o.locale === locale);
        return template && !own ? [{ kind, locale, source: 'DEFAULT', ...template, setBy: null }] : [];
      }),
    );
    const own: EmailTemplateView[] = state.overrides.map(({ kind, locale, subject, text, html, setBy }) => ({ kind, locale, source: 'TENANT', subject, text, html, setBy }));
    const templates = [...shipped, ...own].sort((a, b) => NOTIFICATION_KINDS.indexOf(a.kind as NotificationKind) - NOTIFICATION_KINDS.indexOf(b.kind as NotificationKind) || a.locale.localeCompare(b.locale));
    return { templates, variables: [...TEMPLATE_VARIABLES], version };
  }

  @Query(() => EmailPreviewView, { description: 'Tenant admin, HR: the email of a kind that a recipient in the locale would get, rendered with sample data.' })
  async previewEmail(@CurrentIdentity() identity: Identity, @Args('kind') kind: string, @Args('locale') locale: string): Promise<EmailPreviewView> {
    authorize(notificationsPolicy, identity, 'configure notifications');
    const issues = kindAndLocaleIssues(kind, locale);
    if (issues.length > 0) throw new ValidationFailedError(issues);
    const { state } = await withTenant(this.dataSource, identity.tenantId, (m) => loadEmailTemplates(m, identity.tenantId));
    const chosen = chooseTemplate(kind as NotificationKind, locale, state.overrides);
    return { ...renderEmail(chosen.template, templateVariables(SAMPLE_DATA, locale)), locale: chosen.locale, source: chosen.source };
  }

  private async run(identity: Identity, request: EmailTemplatesRequest, expectedVersion: number | undefined): Promise<EmailTemplatesResult> {
    authorize(notificationsPolicy, identity, 'configure notifications');
    return this.commands.execute(new ApplyEmailTemplateCommand(request, actorOf(identity), expectedVersion, commandContext(identity)));
  }

  @Mutation(() => EmailTemplatesResult, { description: 'Tenant admin, HR: use your own subject, text and HTML for a kind in a locale; checked by rendering it with sample data.' })
  setEmailTemplate(@CurrentIdentity() identity: Identity, @Args('input') input: SetEmailTemplateInput): Promise<EmailTemplatesResult> {
    const { kind, locale, subject, text, html } = input;
    return this.run(identity, { type: 'SetEmailTemplate', kind, locale, template: { subject, text, html } }, input.expectedVersion ?? undefined);
  }

  @Mutation(() => EmailTemplatesResult, { description: 'Tenant admin, HR: go back to the shipped template for a kind in a locale.' })
  resetEmailTemplate(@CurrentIdentity() identity: Identity, @Args('input') input: ResetEmailTemplateInput): Promise<EmailTemplatesResult> {
    return this.run(identity, { type: 'ResetEmailTemplate', kind: input.kind, locale: input.locale }, input.expectedVersion ?? undefined);
  }
}
