import type { NotificationKind, ReviewPhase } from '../../delivery/notification';
import type { EmailTemplate } from './email-template';

/** The locale every chain ends with: its templates exist for every kind. */
export const DEFAULT_LOCALE = 'en';

interface Language {
  readonly phases: Readonly<Record<ReviewPhase, string>>;
  /** "today", "tomorrow", "in 3 days", from `daysLeft`. */
  readonly when: string;
  readonly greeting: string;
  readonly onBehalfOf: string;
  readonly footer: string;
  readonly kinds: Readonly<Record<NotificationKind, { readonly subject: string; readonly body: readonly string[] }>>;
}

const v = (name: string): string => `<%= it.${name} %>`;

const EN: Language = {
  phases: { GOAL_SETTING: 'goal-setting meeting', MID_YEAR_REFLECTION: 'mid-year reflection', YEAR_END_CONFERENCE: 'year-end conference' },
  when: `<% if (it.daysLeft === 0) { %>today<% } else if (it.daysLeft === 1) { %>tomorrow<% } else { %>in ${v('daysLeft')} days<% } %>`,
  greeting: `Hello ${v('recipientName')},`,
  onBehalfOf: `<% if (it.onBehalfOfName) { %> You are receiving this for ${v('onBehalfOfName')}, who has no work email.<% } %>`,
  footer: 'This message was sent automatically by Staff Reviews.',
  kinds: {
    DEADLINE_REMINDER: {
      subject: `Due WHEN: ${v('phaseName')} for ${v('personName')}`,
      body: [`The ${v('phaseName')} for ${v('personName')} in the ${v('cycleName')} cycle is due WHEN (${v('dueDate')}).ON_BEHALF`, 'Please sign in to Staff Reviews to complete it.'],
    },
    PHASE_OVERDUE: {
      subject: `Overdue: ${v('phaseName')}<% if (it.personName) { %> for ${v('personName')}<% } else { %>, ${v('overdueCount')} reviews open<% } %>`,
      body: [
        `<% if (it.personName) { %>The ${v('phaseName')} for ${v('personName')} in the ${v('cycleName')} cycle was due on ${v('dueDate')} and is still open.<% } else { %>The ${v('phaseName')} of the ${v('cycleName')} cycle was due on ${v('dueDate')}; ${v('overdueCount')} reviews are still open in it.<% } %>`,
        'Please sign in to Staff Reviews to follow it up.',
      ],
    },
    GOAL_DUE_REMINDER: {
      subject: `Goal due WHEN: ${v('personName')}`,
      body: [`A goal of ${v('personName')} is due WHEN (${v('dueDate')}).ON_BEHALF`, 'Please sign in to Staff Reviews to record its progress.'],
    },
    SIGNATURE_AWAITED: {
      subject: `Your signature is needed: review of ${v('personName')}`,
      body: [`The ${v('cycleName')} review of ${v('personName')} is ready and awaits your signature.ON_BEHALF`, 'Please sign in to Staff Reviews to read and sign it.'],
    },
    SELF_ASSESSMENT_SUBMITTED: {
      subject: `${v('personName')} submitted their self-assessment`,
      body: [`${v('personName')} submitted their self-assessment for the ${v('cycleName')} cycle. You can now add your ratings.`],
    },
    GOAL_AWAITING_AGREEMENT: {
      subject: `A goal awaits your agreement: ${v('personName')}`,
      body: [`A goal of ${v('personName')} awaits your agreement.`, 'Please sign in to Staff Reviews to agree to it or ask for changes.'],
    },
    REVIEW_FILED: {
      subject: `Review filed: ${v('personName')}, ${v('cycleName')}`,
      body: [`The ${v('cycleName')} review of ${v('personName')} has been signed and filed with HR.ON_BEHALF`],
    },
    REVIEW_REOPENED: {
      subject: `Review reopened: ${v('personName')}, ${v('cycleName')}`,
      body: [`HR reopened the ${v('cycleName')} review of ${v('personName')}.ON_BEHALF`, 'Please sign in to Staff Reviews to see what needs your attention.'],
    },
  },
};

const ES: Language = {
  phases: { GOAL_SETTING: 'reunión de establecimiento de metas', MID_YEAR_REFLECTION: 'reflexión de mitad de año', YEAR_END_CONFERENCE: 'conferencia de fin de año' },
  when: `<% if (it.daysLeft === 0) { %>hoy<% } else if (it.daysLeft === 1) { %>mañana<% } else { %>en ${v('daysLeft')} días<% } %>`,
  greeting: `Hola, ${v('recipientName')}:`,
  onBehalfOf: `<% if (it.onBehalfOfName) { %> Recibe este mensaje en nombre de ${v('onBehalfOfName')}, que no tiene correo electrónico de trabajo.<% } %>`,
  footer: 'Este mensaje lo envió automáticamente Staff Reviews.',
  kinds: {
    DEADLINE_REMINDER: {
      subject: `Vence WHEN: ${v('phaseName')} de ${v('personName')}`,
      body: [`La ${v('phaseName')} de ${v('personName')} del ciclo ${v('cycleName')} vence WHEN (${v('dueDate')}).ON_BEHALF`, 'Inicie sesión en Staff Reviews para completarla.'],
    },
    PHASE_OVERDUE: {
      subject: `Vencida: ${v('phaseName')}<% if (it.personName) { %> de ${v('personName')}<% } else { %>, ${v('overdueCount')} evaluaciones abiertas<% } %>`,
      body: [
        `<% if (it.personName) { %>La ${v('phaseName')} de ${v('personName')} del ciclo ${v('cycleName')} venció el ${v('dueDate')} y sigue abierta.<% } else { %>La ${v('phaseName')} del ciclo ${v('cycleName')} venció el ${v('dueDate')}; ${v('overdueCount')} evaluaciones siguen abiertas.<% } %>`,
        'Inicie sesión en Staff Reviews para darle seguimiento.',
      ],
    },
    GOAL_DUE_REMINDER: {
      subject: `Meta con vencimiento WHEN: ${v('personName')}`,
      body: [`Una meta de ${v('personName')} vence WHEN (${v('dueDate')}).ON_BEHALF`, 'Inicie sesión en Staff Reviews para registrar su progreso.'],
    },
    SIGNATURE_AWAITED: {
      subject: `Se necesita su firma: evaluación de ${v('personName')}`,
      body: [`La evaluación ${v('cycleName')} de ${v('personName')} está lista y espera su firma.ON_BEHALF`, 'Inicie sesión en Staff Reviews para leerla y firmarla.'],
    },
    SELF_ASSESSMENT_SUBMITTED: {
      subject: `${v('personName')} envió su autoevaluación`,
      body: [`${v('personName')} envió su autoevaluación del ciclo ${v('cycleName')}. Ya puede añadir sus calificaciones.`],
    },
    GOAL_AWAITING_AGREEMENT: {
      subject: `Una meta espera su aprobación: ${v('personName')}`,
      body: [`Una meta de ${v('personName')} espera su aprobación.`, 'Inicie sesión en Staff Reviews para aprobarla o pedir cambios.'],
    },
    REVIEW_FILED: {
      subject: `Evaluación archivada: ${v('personName')}, ${v('cycleName')}`,
      body: [`La evaluación ${v('cycleName')} de ${v('personName')} se firmó y se archivó en Recursos Humanos.ON_BEHALF`],
    },
    REVIEW_REOPENED: {
      subject: `Evaluación reabierta: ${v('personName')}, ${v('cycleName')}`,
      body: [`Recursos Humanos reabrió la evaluación ${v('cycleName')} de ${v('personName')}.ON_BEHALF`, 'Inicie sesión en Staff Reviews para ver lo que requiere su atención.'],
    },
  },
};

const LANGUAGES: Readonly<Record<string, Language>> = { en: EN, es: ES };

/** One kind's templates in one language: the same paragraphs as plain text and as HTML. */
const templatesOf = (lang: string, language: Language): Record<NotificationKind, EmailTemplate> => {
  const fill = (s: string): string => s.replaceAll('WHEN', language.when).replaceAll('ON_BEHALF', language.onBehalfOf);
  const entries = Object.entries(language.kinds).map(([kind, { subject, body }]) => {
    const paragraphs = [language.greeting, ...body.map(fill)];
    const text = `${paragraphs.join('\n\n')}\n\n-- \n${language.footer}\n`;
    const html =
      `<!DOCTYPE html>\n<html lang="${lang}">\n<body style="font-family: sans-serif; line-height: 1.5">\n` +
      paragraphs.map((p) => `<p>${p}</p>\n`).join('') +
      `<p style="color: #666; font-size: 12px">${language.footer}</p>\n</body>\n</html>\n`;
    return [kind, { subject: fill(subject), text, html }];
  });
  return Object.fromEntries(entries) as Record<NotificationKind, EmailTemplate>;
};

/** What every locale chain ends with. */
export const FALLBACK_TEMPLATES: Readonly<Record<NotificationKind, EmailTemplate>> = templatesOf(DEFAULT_LOCALE, EN);

/** The templates shipped for each language; a tenant overrides any of them, per kind and locale. */
export const DEFAULT_TEMPLATES: Readonly<Record<string, Readonly<Record<NotificationKind, EmailTemplate>> | undefined>> = Object.fromEntries(
  Object.entries(LANGUAGES).map(([lang, language]) => [lang, templatesOf(lang, language)]),
);

export const DEFAULT_TEMPLATE_LOCALES: readonly string[] = Object.keys(LANGUAGES);

/** The phases' names in the first language of the chain that has them. */
export const phaseNames = (chain: readonly string[]): Readonly<Record<ReviewPhase, string>> => (LANGUAGES[chain.find((l) => LANGUAGES[l]) ?? DEFAULT_LOCALE] ?? EN).phases;
