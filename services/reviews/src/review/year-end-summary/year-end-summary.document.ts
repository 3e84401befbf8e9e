import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import type { YearEndSummary } from './year-end-summary.model';

const FORM = 'Year-end summary (5240F3)';
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const PROCESS_LABELS: Record<YearEndSummary['process'], string> = {
  FULL: 'Full review',
  JOB_CHAT: 'Job chat (abbreviated process)',
  LEADERSHIP: 'Leadership review',
};

const MEETING_LABELS: Readonly<Record<string, string>> = {
  GOAL_SETTING: 'Goal-setting meeting',
  MID_YEAR_REFLECTION: 'Mid-year reflection',
  ONE_TO_ONE: 'One-to-one',
  YEAR_END_CONFERENCE: 'Year-end conference',
};

// Seed 003's job chat questions, in the order the conversation takes them.
const JOB_CHAT_QUESTIONS: ReadonlyArray<[keyof NonNullable<YearEndSummary['jobChat']>, string]> = [
  ['likes', 'What I like about my job'],
  ['dislikes', "What I don't like about my job"],
  ['needsToDoTheJob', 'What I need to do my job properly'],
  ['needsToGiveGoodService', 'What I need to provide a good service'],
  ['developmentNeeds', 'My development needs'],
  ['improvements', 'What I and my team can do in the future to improve'],
  ['trainingAgreed', 'Training agreed'],
  ['suggestions', 'Suggestions for improving things'],
];

/**
 * Free text as people typed it, minus what would garble the page: control characters are dropped and lone surrogates
 * (no character at all) replaced. Characters Roboto lacks, such as CJK or emoji, print as its missing-glyph box.
 */
const clean = (text: string): string =>
  text
    .replace(/\r\n?/g, '\n')
    .replace(/\t/g, '    ')
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '')
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})/;

/** "2025-07-20" → "20 July 2025": spelled-out months read the same for US and UK staff, and need no locale data. */
const formatDate = (iso: string): string => {
  const match = ISO_DATE.exec(iso);
  const month = match ? MONTHS[Number(match[2]) - 1] : undefined;
  return match && month ? `${Number(match[3])} ${month} ${match[1]}` : clean(iso);
};

/** A date-only value is midnight UTC, so the PDF's metadata does not depend on the server's time zone. */
const documentDate = (filedOn: string): Date => {
  const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(filedOn) ? `${filedOn}T00:00:00Z` : filedOn);
  if (Number.isNaN(date.getTime())) throw new RangeError(`filedOn is not an ISO date: ${JSON.stringify(filedOn)}`);
  return date;
};

const humanize = (code: string): string => {
  const words = clean(code).replace(/_/g, ' ').trim().toLowerCase();
  return /^[A-Z0-9_ ]+$/.test(code) ? words.charAt(0).toUpperCase() + words.slice(1) : clean(code);
};

const heading = (text: string): Content => ({ text, style: 'heading' });
const muted = (text: string): Content => ({ text, style: 'muted' });
const orMuted = (value: string | null, whenMissing: string): Content => (value === null || value.trim() === '' ? muted(whenMissing) : clean(value));
const header = (labels: readonly string[]): TableCell[] => labels.map((text) => ({ text, style: 'tableHeader' }));
// The header row repeats on every page a table runs onto.
const grid = (widths: Array<number | string>, head: readonly string[], rows: TableCell[][]): Content => ({
  table: { headerRows: 1, widths, body: [header(head), ...rows] },
  layout: 'lightHorizontalLines',
  fontSize: 9,
});

// A refiled summary says so on its first page, with HR's reason, so no reader mistakes it for the original.
const correctionNote = (s: YearEndSummary): Content => ({
  table: {
    widths: ['*'],
    body: [
      [
        {
          stack: [
            { text: `Corrected version ${s.filing}`, bold: true },
            'This summary replaces the one filed earlier.',
            s.reopenReason?.trim() ? `Reopened by HR: ${clean(s.reopenReason)}` : 'Reopened by HR; no reason was recorded.',
          ],
          fillColor: '#fff4e0',
          margin: [4, 4, 4, 4],
        },
      ],
    ],
  },
  layout: 'noBorders',
  margin: [0, 10, 0, 0],
});

const titleBlock = (s: YearEndSummary): Content[] => [
  { text: FORM, style: 'title' },
  { text: 'Classified Employee Professional Goals and Feedback', style: 'subtitle' },
  { text: `${clean(s.tenantName)} · ${clean(s.cycle.name)} (${formatDate(s.cycle.startsOn)} – ${formatDate(s.cycle.endsOn)})`, margin: [0, 2, 0, 0] },
  ...(s.filing > 1 ? [correctionNote(s)] : []),
];

const peopleBlock = (s: YearEndSummary): Content => {
  const rows: Array<[string, Content]> = [
    ['Employee', clean(s.employee.name)],
    ['Staff number', orMuted(s.employee.staffNumber, 'Not recorded')],
    ['Job classification', clean(s.employee.jobClassification)],
    ['Site', orMuted(s.employee.siteName, 'Not recorded')],
    ['Reviewer', clean(s.reviewer.name)],
    ['Process', PROCESS_LABELS[s.process]],
    ...(s.framework ? ([['Framework', `${clean(s.framework.name)}, version ${s.framework.version}`]] as Array<[string, Content]>) : []),
    ...(s.levels.length > 0 ? ([['Responsibility levels', s.levels.map(clean).join(', ')]] as Array<[string, Content]>) : []),
    ['Filed on', formatDate(s.filedOn)],
  ];
  return { table: { widths: [120, '*'], body: rows.map(([label, value]) => [{ text: label, bold: true }, value]) }, layout: 'noBorders', margin: [0, 12, 0, 0] };
};

const competenciesBlock = (s: YearEndSummary): Content[] => [
  heading('Competencies'),
  s.competencies.length === 0
    ? muted('No competencies were rated.')
    : grid(
        [64, 80, 66, 66, '*', 52],
        ['Cluster', 'Competency', 'Self rating', 'Supervisor rating', 'Supervisor comment', 'Developing'],
        s.competencies.map((c) => [
          clean(c.cluster),
          { text: clean(c.name), bold: true },
          orMuted(c.selfRating, 'Not rated'),
          orMuted(c.supervisorRating, 'Not rated'),
          orMuted(c.supervisorComment, ''),
          c.developing ? { text: 'Developing', bold: true, color: '#8a4b00' } : '',
        ]),
      ),
];

const jobChatBlock = ({ jobChat }: YearEndSummary): Content[] => [
  heading('Job chat'),
  jobChat === null
    ? muted('The job chat answers were not recorded.')
    : { stack: JOB_CHAT_QUESTIONS.map(([key, question]) => ({ stack: [{ text: question, bold: true }, orMuted(jobChat[key], 'None recorded.')], margin: [0, 0, 0, 6] })) },
];

const meetingsBlock = (s: YearEndSummary): Content[] => [
  heading('Meetings'),
  s.meetings.length === 0
    ? muted('No meetings were recorded.')
    : grid(
        [130, 100, '*'],
        ['Meeting', 'Held on', 'Attendees'],
        s.meetings.map((m) => [MEETING_LABELS[m.kind] ?? humanize(m.kind), formatDate(m.heldOn), m.attendees.map(clean).join(', ')]),
      ),
];

const goalsBlock = (s: YearEndSummary): Content[] => [
  heading('Goals'),
  s.goals.length === 0 ? muted('No goals were recorded for this cycle.') : grid(['*', 110], ['Goal', 'Final status'], s.goals.map((g) => [clean(g.statement), humanize(g.status)])),
];

const assessmentBlock = (s: YearEndSummary): Content[] => {
  const a = s.overallAssessment;
  if (a === null) return [heading('Overall assessment'), muted(s.process === 'JOB_CHAT' ? 'No overall assessment was given (optional for a job chat).' : 'No overall assessment was recorded.')];
  const line = (label: string, value: string): Content => ({ text: [{ text: `${label}: `, bold: true }, value] });
  return [
    heading('Overall assessment'),
    line('Assessment', clean(a.label)),
    line('Eligible for the pay-progression point', a.eligibleForPayProgression ? 'Yes' : 'No'),
    ...(a.followUpReviewBy ? [line('Follow-up review by', formatDate(a.followUpReviewBy))] : []),
    ...(a.formalProcedures ? [line('Formal procedures', 'Yes — the employee is under formal procedures to support reaching acceptable standards')] : []),
  ];
};

// One row per signer, so each signature reads (and extracts) as one line: who, when, and the employee's response.
const signaturesBlock = (s: YearEndSummary): Content => {
  const { employee, supervisor } = s.signatures;
  const unsigned = (role: string): TableCell[] => [{ text: role, bold: true }, muted('Not signed'), '', ''];
  return {
    unbreakable: true,
    stack: [
      heading('Signatures'),
      {
        table: {
          widths: [70, '*', 120, 120],
          body: [
            employee
              ? [{ text: 'Employee', bold: true }, clean(employee.name), `Signed on ${formatDate(employee.signedOn)}`, employee.agreed ? 'Agreed with this summary' : 'Seen, with comments']
              : unsigned('Employee'),
            supervisor ? [{ text: 'Supervisor', bold: true }, clean(supervisor.name), `Signed on ${formatDate(supervisor.signedOn)}`, ''] : unsigned('Supervisor'),
          ],
        },
        layout: 'lightHorizontalLines',
      },
    ],
  };
};

/** The pdfmake document for a summary: pure, so the layout can be inspected without rendering. */
export const yearEndSummaryDocument = (s: YearEndSummary): TDocumentDefinitions => {
  const filedOn = documentDate(s.filedOn);
  const footerText = `${FORM} · ${clean(s.employee.name)} · ${clean(s.cycle.name)}${s.filing > 1 ? ` · Corrected version ${s.filing}` : ''}`;
  return {
    pageSize: 'LETTER',
    pageMargins: [48, 48, 48, 56],
    info: {
      title: `${FORM}: ${clean(s.employee.name)}, ${clean(s.cycle.name)}`,
      author: clean(s.tenantName),
      subject: 'Classified Employee Professional Goals and Feedback Year-End Summary',
      creator: 'Growth reviews',
      producer: 'Growth reviews',
      creationDate: filedOn,
      modDate: filedOn,
    },
    content: [
      ...titleBlock(s),
      peopleBlock(s),
      ...(s.process === 'JOB_CHAT' ? jobChatBlock(s) : competenciesBlock(s)),
      ...meetingsBlock(s),
      ...goalsBlock(s),
      ...assessmentBlock(s),
      heading('Employee comments'),
      orMuted(s.employeeComments, 'The employee added no comments.'),
      signaturesBlock(s),
    ],
    footer: (page, pages) => ({
      columns: [muted(footerText), { text: `Page ${page} of ${pages}`, style: 'muted', alignment: 'right', width: 80 }],
      margin: [48, 20, 48, 0],
    }),
    defaultStyle: { font: 'Roboto', fontSize: 10, lineHeight: 1.2 },
    styles: {
      title: { fontSize: 18, bold: true },
      subtitle: { fontSize: 11, color: '#555555' },
      heading: { fontSize: 13, bold: true, margin: [0, 16, 0, 6] },
      tableHeader: { bold: true, color: '#333333' },
      muted: { color: '#666666', italics: true, fontSize: 9 },
    },
  };
};
