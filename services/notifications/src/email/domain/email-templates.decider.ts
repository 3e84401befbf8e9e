import { assertNever, ValidationFailedError, type Actor, type Decider, type ValidationIssue } from '@growth/es';
import type { NotificationKind } from '../../delivery/notification';
import { canonicalLocale, kindAndLocaleIssues, templateIssues } from '../rendering/email-template';
import type { EmailTemplatesCommand } from './email-templates.commands';
import type { EmailTemplatesEvent } from './email-templates.events';
import { initialEmailTemplatesState, type EmailTemplatesState } from './email-templates.model';

const actorId = (actor: Actor): string => (actor.kind === 'PERSON' ? actor.personId : 'system');

/** The kind and the canonical locale a command names, or every issue with them. */
const target = (kind: string, locale: string): { kind: NotificationKind; locale: string; issues: ValidationIssue[] } => ({
  kind: kind as NotificationKind,
  locale: canonicalLocale(locale) ?? locale,
  issues: kindAndLocaleIssues(kind, locale),
});

const refuse = (issues: readonly ValidationIssue[]): void => {
  if (issues.length > 0) throw new ValidationFailedError(issues);
};

const decide = (command: EmailTemplatesCommand, state: EmailTemplatesState): EmailTemplatesEvent[] => {
  const { kind, locale, issues } = target(command.kind, command.locale);
  const current = state.overrides.find((o) => o.kind === kind && o.locale === locale);
  switch (command.type) {
    case 'SetEmailTemplate': {
      const { subject, text, html } = command.template;
      refuse([...issues, ...(issues.length === 0 ? templateIssues({ subject, text, html }, locale) : [])]);
      if (current && current.subject === subject && current.text === text && current.html === html) return [];
      return [{ type: 'EmailTemplateSet', data: { kind, locale, subject, text, html, setBy: actorId(command.actor) } }];
    }
    case 'ResetEmailTemplate':
      refuse(issues);
      return current ? [{ type: 'EmailTemplateReset', data: { kind, locale, resetBy: actorId(command.actor) } }] : [];
    default:
      return assertNever(command, 'email templates command');
  }
};

const evolve = (state: EmailTemplatesState, event: EmailTemplatesEvent): EmailTemplatesState => {
  const others = state.overrides.filter((o) => o.kind !== event.data.kind || o.locale !== event.data.locale);
  switch (event.type) {
    case 'EmailTemplateSet': {
      const { kind, locale, subject, text, html, setBy } = event.data;
      return { overrides: [...others, { kind, locale, subject, text, html, setBy }] };
    }
    case 'EmailTemplateReset':
      return { overrides: others };
    default:
      return assertNever(event, 'email templates event');
  }
};

export const emailTemplatesDecider: Decider<EmailTemplatesCommand, EmailTemplatesState, EmailTemplatesEvent> = { initialState: initialEmailTemplatesState, decide, evolve };
