/** What form 5240F3 records at the close of the year-end conference, resolved to names and labels. */
export interface YearEndSummary {
  readonly tenantName: string;
  readonly cycle: { readonly name: string; readonly startsOn: string; readonly endsOn: string }; // ISO dates
  readonly employee: { readonly name: string; readonly staffNumber: string | null; readonly jobClassification: string; readonly siteName: string | null };
  readonly reviewer: { readonly name: string };
  readonly process: 'FULL' | 'JOB_CHAT' | 'LEADERSHIP';
  readonly framework: { readonly name: string; readonly version: number } | null; // null for a job chat
  /** Responsibility levels considered (leadership review), e.g. ['Level 1', 'Level 2']. */
  readonly levels: readonly string[];
  readonly competencies: ReadonlyArray<{
    readonly cluster: string;
    readonly name: string;
    readonly selfRating: string | null;
    readonly supervisorRating: string | null;
    readonly supervisorComment: string | null;
    readonly developing: boolean;
  }>;
  readonly jobChat: null | {
    readonly likes: string;
    readonly dislikes: string;
    readonly needsToDoTheJob: string;
    readonly needsToGiveGoodService: string;
    readonly developmentNeeds: string;
    readonly improvements: string;
    readonly trainingAgreed: string | null;
    readonly suggestions: string | null;
  };
  readonly meetings: ReadonlyArray<{ readonly kind: string; readonly heldOn: string; readonly attendees: readonly string[] }>;
  /** Empty until the goals service exists; the summary then says that no goals were recorded. */
  readonly goals: ReadonlyArray<{ readonly statement: string; readonly status: string }>;
  readonly overallAssessment: null | { readonly label: string; readonly eligibleForPayProgression: boolean; readonly followUpReviewBy: string | null; readonly formalProcedures: boolean };
  readonly employeeComments: string | null;
  readonly signatures: {
    readonly employee: null | { readonly name: string; readonly signedOn: string; readonly agreed: boolean };
    readonly supervisor: null | { readonly name: string; readonly signedOn: string };
  };
  /** ISO date (or instant) of the filing; it is also the PDF's creation and modification date. */
  readonly filedOn: string;
  /** 1 for the first filing; 2+ after HR reopened and it was filed again (a corrected version). */
  readonly filing: number;
  readonly reopenReason: string | null;
}
