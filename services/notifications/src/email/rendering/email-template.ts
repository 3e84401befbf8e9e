import { Eta } from 'eta';
import type { ValidationIssue } from '@growth/es';
import { NOTIFICATION_KINDS, type NotificationData, type NotificationKind } from '../../delivery/notification';
import { DEFAULT_LOCALE, DEFAULT_TEMPLATES, FALLBACK_TEMPLATES, phaseNames } from './default-templates';

/** One email's templates: Eta syntax, `<%= it.variable %>` and simple conditions (see `TEMPLATE_TAG`). */
export interface EmailTemplate {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

export type RenderedEmail = EmailTemplate;

/** A tenant's own template for one kind and locale (a canonical BCP 47 tag). */
export interface EmailTemplateOverride extends EmailTemplate {
  readonly kind: NotificationKind;
  readonly locale: string;
}

/** What a template may show: the notification's data, plus the due date and phase put in the reader's words. */
export const TEMPLATE_VARIABLES = [
  'recipientName',
  'personName',
  'personId',
  'reviewId',
  'goalId',
  'cycleName',
  'phase',
  'phaseName',
  'dueOn',
  'dueDate',
  'daysLeft',
  'overdueCount',
  'onBehalfOfName',
] as const;
export type TemplateVariables = Readonly<Record<(typeof TEMPLATE_VARIABLES)[number], string | number>>;

const VARIABLE = `it\\.(?:${TEMPLATE_VARIABLES.join('|')})`;
const CONDITION = `!?${VARIABLE}|${VARIABLE}\\s*(?:===|!==|<=|>=|<|>)\\s*-?\\d+`;
/*
 * Eta compiles templates to JavaScript, and tenants write their own: only these tags are accepted, so a template
 * can show variables and choose between texts but never run code. Raw output (`<%~`) is not among them.
 */
const TEMPLATE_TAG = new RegExp(`^(?:=\\s*${VARIABLE}|(?:\\}\\s*else\\s+)?if\\s*\\(\\s*(?:${CONDITION})\\s*\\)\\s*\\{|\\}\\s*else\\s*\\{|\\})$`);
const TAGS = /<%([\s\S]*?)(?:%>|$)/g;

/** Every tag of a template that is not allowed (an unterminated one included). */
export const unsupportedTags = (source: string): string[] =>
  [...source.matchAll(TAGS)].filter((m) => !TEMPLATE_TAG.test(m[1].replace(/^[-_]/, '').replace(/[-_]$/, '').trim())).map((m) => m[0]);

const options = { useWith: false, autoTrim: false as const, cache: false };
const escaped = new Eta({ ...options, autoEscape: true });
const verbatim = new Eta({ ...options, autoEscape: false });

const render = (engine: Eta, source: string, variables: TemplateVariables): string => {
  const unsupported = unsupportedTags(source);
  if (unsupported.length > 0) throw new Error(`Unsupported template tag ${unsupported[0].slice(0, 80)}`);
  return engine.renderString(source, variables);
};

/** The email itself: HTML with every variable escaped, subject and text verbatim; the subject on one line. */
export const renderEmail = (template: EmailTemplate, variables: TemplateVariables): RenderedEmail => ({
  subject: render(verbatim, template.subject, variables).replace(/\s*[\r\n]+\s*/g, ' ').trim(),
  text: render(verbatim, template.text, variables),
  html: render(escaped, template.html, variables),
});

/** A locale as BCP 47 writes it (`es-us` → `es-US`), or null when it is not one. */
export const canonicalLocale = (locale: string): string | null => {
  try {
    return Intl.getCanonicalLocales(locale)[0] ?? null;
  } catch {
    return null;
  }
};

/** What is wrong with the kind and locale a template is for, as a client named them. */
export const kindAndLocaleIssues = (kind: string, locale: string): ValidationIssue[] => [
  ...((NOTIFICATION_KINDS as readonly string[]).includes(kind) ? [] : [{ path: 'kind', message: `must be one of ${NOTIFICATION_KINDS.join(', ')}` }]),
  ...(canonicalLocale(locale) === null ? [{ path: 'locale', message: 'must be a BCP 47 language tag such as en, es or es-US' }] : []),
];

/** From the most specific to the default: `es-MX` → `es-MX`, `es`, `en`. */
export const localeChain = (locale: string): string[] => {
  const parts = (canonicalLocale(locale) ?? DEFAULT_LOCALE).split('-');
  const chain = parts.map((_, i) => parts.slice(0, parts.length - i).join('-'));
  return chain.includes(DEFAULT_LOCALE) ? chain : [...chain, DEFAULT_LOCALE];
};

/** At each step of the locale chain, the tenant's template before the shipped one. */
export const chooseTemplate = (
  kind: NotificationKind,
  locale: string,
  overrides: readonly EmailTemplateOverride[],
): { readonly template: EmailTemplate; readonly locale: string; readonly source: 'TENANT' | 'DEFAULT' } => {
  for (const candidate of localeChain(locale)) {
    const own = overrides.find((o) => o.kind === kind && o.locale === candidate);
    if (own) return { template: own, locale: candidate, source: 'TENANT' };
    const shipped = DEFAULT_TEMPLATES[candidate]?.[kind];
    if (shipped) return { template: shipped, locale: candidate, source: 'DEFAULT' };
  }
  return { template: FALLBACK_TEMPLATES[kind], locale: DEFAULT_LOCALE, source: 'DEFAULT' };
};

const longDate = (isoDate: string, locale: string): string => {
  const date = new Date(`${isoDate}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? isoDate : new Intl.DateTimeFormat(canonicalLocale(locale) ?? DEFAULT_LOCALE, { dateStyle: 'long', timeZone: 'UTC' }).format(date);
};

/** A notification's data as a template sees it in a locale: every variable present, absent ones empty. */
export const templateVariables = (data: NotificationData, locale: string): TemplateVariables => {
  const phases = phaseNames(localeChain(locale));
  return {
    recipientName: data.recipientName,
    personName: data.personName ?? '',
    personId: data.personId ?? '',
    reviewId: data.reviewId ?? '',
    goalId: data.goalId ?? '',
    cycleName: data.cycleName ?? '',
    phase: data.phase ?? '',
    phaseName: data.phase ? phases[data.phase] : '',
    dueOn: data.dueOn ?? '',
    dueDate: data.dueOn ? longDate(data.dueOn, locale) : '',
    daysLeft: data.daysLeft ?? '',
    overdueCount: data.overdueCount ?? '',
    onBehalfOfName: data.onBehalfOfName ?? '',
  };
};

/** What previews and the check of a new template render: names that need escaping, every optional field set. */
export const SAMPLE_DATA: NotificationData = {
  recipientName: "Dana O'Brien",
  personId: '00000000-0000-4000-8000-000000000001',
  personName: 'Sam Lee & <Co>',
  reviewId: '00000000-0000-4000-8000-000000000002',
  goalId: '00000000-0000-4000-8000-000000000003',
  cycleName: '2026-27',
  phase: 'GOAL_SETTING',
  dueOn: '2026-10-15',
  daysLeft: 3,
  onBehalfOfName: 'Alex Rivera',
};

const LIMITS: Record<keyof EmailTemplate, number> = { subject: 500, text: 50_000, html: 100_000 };

/** Why a template cannot be used, by part: too long, a tag that is not allowed, or one that does not compile or render. */
export const templateIssues = (template: EmailTemplate, locale: string): ValidationIssue[] => {
  const issues: ValidationIssue[] = [];
  for (const part of ['subject', 'text', 'html'] as const) {
    const source: unknown = template[part];
    if (typeof source !== 'string' || source.trim() === '') issues.push({ path: part, message: 'must not be empty' });
    else if (source.length > LIMITS[part]) issues.push({ path: part, message: `must be at most ${LIMITS[part]} characters` });
    else {
      const unsupported = unsupportedTags(source);
      if (unsupported.length > 0) {
        issues.push({ path: part, message: `only <%= it.variable %> and if/else on variables are allowed, not ${unsupported[0].slice(0, 80)}` });
        continue;
      }
      try {
        const rendered = (part === 'html' ? escaped : verbatim).renderString(source, templateVariables(SAMPLE_DATA, locale));
        if (rendered.trim() === '') issues.push({ path: part, message: 'renders as nothing with the sample data' });
      } catch (error) {
        const lines = String((error as Error).message).split('\n');
        issues.push({ path: part, message: `does not compile: ${[lines[0], lines[2]].filter(Boolean).join(': ')}` });
      }
    }
  }
  return issues;
};
