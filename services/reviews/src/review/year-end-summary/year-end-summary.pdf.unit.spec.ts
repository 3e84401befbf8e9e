import { pdfText } from '@growth/testing';
import { renderYearEndSummary, type YearEndSummary } from './year-end-summary.pdf';

const fullReview: YearEndSummary = {
  tenantName: 'Riverside School District',
  cycle: { name: '2024–25', startsOn: '2024-08-01', endsOn: '2025-07-31' },
  employee: { name: 'Siân Llewellyn-Jones', staffNumber: 'S-10442', jobClassification: 'Administrative Assistant II', siteName: 'Ysgol Glan Ŵy Elementary' },
  reviewer: { name: 'Marcus Oyelaran' },
  process: 'FULL',
  framework: { name: 'Classified Staff Competencies', version: 3 },
  levels: [],
  competencies: [
    { cluster: 'Communication', name: 'Listening', selfRating: 'Proficient', supervisorRating: 'Accomplished', supervisorComment: 'Families say she hears them out.', developing: false },
    { cluster: 'Planning', name: 'Prioritising work', selfRating: 'Developing', supervisorRating: 'Developing', supervisorComment: 'New to the front office; a growth area for next cycle.', developing: true },
    { cluster: 'Planning', name: 'Record keeping', selfRating: null, supervisorRating: 'Proficient', supervisorComment: null, developing: false },
  ],
  jobChat: null,
  meetings: [
    { kind: 'GOAL_SETTING', heldOn: '2024-10-03', attendees: ['Siân Llewellyn-Jones', 'Marcus Oyelaran'] },
    { kind: 'MID_YEAR_REFLECTION', heldOn: '2025-02-06', attendees: ['Siân Llewellyn-Jones', 'Marcus Oyelaran'] },
    { kind: 'YEAR_END_CONFERENCE', heldOn: '2025-07-18', attendees: ['Siân Llewellyn-Jones', 'Marcus Oyelaran'] },
  ],
  goals: [],
  overallAssessment: { label: 'Achieved', eligibleForPayProgression: true, followUpReviewBy: null, formalProcedures: false },
  employeeComments: 'I would like training on the new attendance system.',
  signatures: {
    employee: { name: 'Siân Llewellyn-Jones', signedOn: '2025-07-18', agreed: true },
    supervisor: { name: 'Marcus Oyelaran', signedOn: '2025-07-19' },
  },
  filedOn: '2025-07-20',
  filing: 1,
  reopenReason: null,
};

const jobChat: YearEndSummary = {
  ...fullReview,
  employee: { name: 'Dorota Kowalczyk', staffNumber: null, jobClassification: 'Lunchtime Supervisor', siteName: null },
  reviewer: { name: 'Aled Pryce' },
  process: 'JOB_CHAT',
  framework: null,
  competencies: [],
  jobChat: {
    likes: 'Seeing the children settle at lunch.',
    dislikes: 'The noise in the hall on wet days.',
    needsToDoTheJob: 'A second radio for the playground.',
    needsToGiveGoodService: 'Knowing about allergies before the first sitting.',
    developmentNeeds: 'Paediatric first aid.',
    improvements: 'Stagger the sittings by year group.',
    trainingAgreed: 'Paediatric first aid, autumn term.',
    suggestions: null,
  },
  meetings: [{ kind: 'ONE_TO_ONE', heldOn: '2025-06-12', attendees: ['Dorota Kowalczyk', 'Aled Pryce'] }],
  goals: [{ statement: 'Run the wet-day rota', status: 'ACHIEVED' }],
  overallAssessment: { label: 'Progressing', eligibleForPayProgression: false, followUpReviewBy: '2025-11-14', formalProcedures: false },
  employeeComments: 'The radio was promised last year too.',
  signatures: {
    employee: { name: 'Dorota Kowalczyk', signedOn: '2025-06-13', agreed: false },
    supervisor: { name: 'Aled Pryce', signedOn: '2025-06-12' },
  },
  filedOn: '2025-06-16',
};

// PDF.js returns the text of each line; joining on whitespace lets assertions ignore where the lines break.
const words = async (buffer: Buffer): Promise<string> => (await pdfText(buffer)).replace(/\s+/g, ' ');

describe('renderYearEndSummary', () => {
  it('renders a full review: people, ratings, meetings, assessment and both signatures', async () => {
    const pdf = await renderYearEndSummary(fullReview);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = await words(pdf);

    expect(text).toContain('Year-end summary (5240F3)');
    expect(text).toContain('Riverside School District · 2024–25 (1 August 2024 – 31 July 2025)');
    expect(text).toContain('Siân Llewellyn-Jones');
    expect(text).toContain('Ysgol Glan Ŵy Elementary');
    expect(text).toContain('Marcus Oyelaran');
    expect(text).toContain('Classified Staff Competencies, version 3');
    expect(text).toMatch(/Communication Listening Proficient Accomplished Families say she hears them out\./);
    expect(text).toMatch(/Planning Prioritising work Developing Developing New to the front office; a growth area for next cycle\. Developing/);
    expect(text).toMatch(/Record keeping Not rated Proficient/);
    expect(text).toMatch(/Goal-setting meeting 3 October 2024/);
    expect(text).toMatch(/Year-end conference 18 July 2025/);
    expect(text).toContain('No goals were recorded for this cycle.');
    expect(text).toContain('Overall assessment Assessment: Achieved');
    expect(text).toContain('Eligible for the pay-progression point: Yes');
    expect(text).not.toContain('Follow-up review by');
    expect(text).not.toContain('Formal procedures');
    expect(text).toContain('I would like training on the new attendance system.');
    expect(text).toContain('Employee Siân Llewellyn-Jones Signed on 18 July 2025 Agreed with this summary');
    expect(text).toContain('Supervisor Marcus Oyelaran Signed on 19 July 2025');
    expect(text).not.toContain('Corrected version');
  });

  it('renders a job chat with its answers instead of a competency table', async () => {
    const text = await words(await renderYearEndSummary(jobChat));

    expect(text).toContain('Job chat (abbreviated process)');
    expect(text).not.toContain('Supervisor rating');
    expect(text).not.toContain('Framework');
    expect(text).toContain("What I don't like about my job The noise in the hall on wet days.");
    expect(text).toContain('What I need to provide a good service Knowing about allergies before the first sitting.');
    expect(text).toContain('Training agreed Paediatric first aid, autumn term.');
    expect(text).toContain('Suggestions for improving things None recorded.');
    expect(text).toMatch(/Staff number Not recorded/);
    expect(text).toContain('One-to-one 12 June 2025 Dorota Kowalczyk, Aled Pryce');
    expect(text).toContain('Run the wet-day rota Achieved');
    expect(text).toContain('Eligible for the pay-progression point: No');
    expect(text).toContain('Follow-up review by: 14 November 2025');
    expect(text).toContain('Employee Dorota Kowalczyk Signed on 13 June 2025 Seen, with comments');
    expect(text).toContain('Supervisor Aled Pryce Signed on 12 June 2025');
  });

  it('marks a refiled summary as a corrected version with the reason HR reopened it', async () => {
    const corrected = { ...fullReview, filing: 2, reopenReason: 'Supervisor rating for Listening was entered against the wrong competency.', filedOn: '2025-08-04' };
    const text = await words(await renderYearEndSummary(corrected));

    expect(text).toContain('Corrected version 2');
    expect(text).toContain('Reopened by HR: Supervisor rating for Listening was entered against the wrong competency.');
    expect(text).toContain('Filed on 4 August 2025');
  });

  it('names the responsibility levels of a leadership review and says who has not signed yet', async () => {
    const leadership: YearEndSummary = { ...fullReview, process: 'LEADERSHIP', levels: ['Level 1', 'Level 2'], signatures: { employee: null, supervisor: null } };
    const text = await words(await renderYearEndSummary(leadership));

    expect(text).toContain('Process Leadership review');
    expect(text).toContain('Responsibility levels Level 1, Level 2');
    expect(text).toContain('Employee Not signed');
    expect(text).toContain('Supervisor Not signed');
  });

  it('states formal procedures for an underperformed assessment', async () => {
    const underperformed = { ...fullReview, overallAssessment: { label: 'Underperformed', eligibleForPayProgression: false, followUpReviewBy: null, formalProcedures: true } };
    const text = await words(await renderYearEndSummary(underperformed));

    expect(text).toContain('Eligible for the pay-progression point: No');
    expect(text).toContain('Formal procedures: Yes');
  });

  it('gives the same bytes for the same summary, dated from its filing', async () => {
    const [first, second] = await Promise.all([renderYearEndSummary(fullReview), renderYearEndSummary(structuredClone(fullReview))]);
    expect(first.equals(second)).toBe(true);

    const raw = first.toString('latin1');
    // pdfkit writes each Info entry as its own object: creation and modification date are both the filing date.
    expect(raw.match(/\(D:20250720000000Z\)/g)).toHaveLength(2);
    expect(raw).not.toMatch(/\(D:(?!20250720000000Z)\d{14}Z\)/);
    expect(raw).toContain('/FontFile2'); // the font travels with the file

    const refiled = await renderYearEndSummary({ ...fullReview, filedOn: '2025-07-21' });
    expect(refiled.equals(first)).toBe(false);
  });

  it('wraps long free text across lines and pages without losing any of it', async () => {
    const sentence = 'Over the year I took on the attendance calls, the lunch-count reconciliation and the visitor log. ';
    const comment = sentence.repeat(80) + 'https://example.org/' + 'a-very-long-path-segment-'.repeat(20) + 'end';
    const competencies = [{ ...fullReview.competencies[0]!, supervisorComment: sentence.repeat(15) + 'Last words of the comment.' }];
    const pdf = await renderYearEndSummary({ ...fullReview, competencies, employeeComments: comment });
    const text = await pdfText(pdf);

    expect(text).toContain('Page 2 of');
    const flat = text.replace(/^Year-end summary \(5240F3\) · .* Page \d+ of \d+$/gm, '').replace(/\s+/g, ''); // without page footers
    expect(flat).toContain(comment.replace(/\s+/g, ''));
    expect(flat).toContain('Lastwordsofthecomment.');
    // Many short lines, not one long one running off the page.
    const longest = Math.max(...text.split('\n').map((line) => line.length));
    expect(longest).toBeLessThan(160);
  });

  it('renders any Unicode the input allows; characters Roboto lacks print as missing-glyph boxes instead of failing', async () => {
    const mixed = 'Diolch yn fawr — ŵ ŷ â; café, naïve, Zoë; Łódź; 日本語のコメント; 😀; עברית; \u0000\u0007 tab\tend; lone \uD800 surrogate';
    const pdf = await renderYearEndSummary({
      ...fullReview,
      tenantName: 'Ysgolion Cymru — 日本',
      employee: { ...fullReview.employee, name: 'Zoë Ŵyn 山田' },
      employeeComments: mixed,
    });
    const text = await words(pdf);

    expect(text).toContain('Diolch yn fawr — ŵ ŷ â; café, naïve, Zoë; Łódź;');
    expect(text).toContain('tab end; lone');
  });

  it('refuses a filing date it cannot put in the document', async () => {
    await expect(renderYearEndSummary({ ...fullReview, filedOn: 'yesterday' })).rejects.toThrow(RangeError);
  });
});
