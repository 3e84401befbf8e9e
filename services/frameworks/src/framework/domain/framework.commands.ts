import type { FrameworkKind } from '@growth/contracts';
import type { FrameworkContent } from './framework.model';

export interface CreateFrameworkDraft {
  readonly type: 'CreateFrameworkDraft';
  readonly frameworkId: string;
  readonly name: string;
  readonly purpose: string;
  readonly kind: FrameworkKind;
}

export interface RenameFrameworkDraft {
  readonly type: 'RenameFrameworkDraft';
  readonly frameworkId: string;
  readonly name: string;
}

export interface ChangeFrameworkDraftPurpose {
  readonly type: 'ChangeFrameworkDraftPurpose';
  readonly frameworkId: string;
  readonly purpose: string;
}

/**
 * Replaces the open draft's whole content. One coarse command rather than a dozen fine-grained edits (add, rename,
 * reorder, remove cluster or competency, set descriptors, set scale, set rules, ...), because:
 * - both ways content arrives, the editor and document import, hold the whole draft; one command means one
 *   validation path, whose issue paths (`clusters[1].competencies[3].name`) are the document's paths;
 * - drafts are edited by a few HR people, rarely at once: the expected version the handler checks turns a
 *   concurrent edit into CONCURRENCY_CONFLICT instead of a silent merge;
 * - the audit trail loses nothing: the event carries the diff from the previous content (`changes`), entity by
 *   entity, as fine-grained events would, plus the full content, so consumers never fold edit by edit.
 * The cost is event size (a 28-competency framework is tens of kilobytes per save), acceptable for drafts.
 */
export interface ReplaceFrameworkDraftContent {
  readonly type: 'ReplaceFrameworkDraftContent';
  readonly frameworkId: string;
  readonly content: FrameworkContent;
}

/** Publishes the open draft if it is complete; the version then never changes. */
export interface PublishFramework {
  readonly type: 'PublishFramework';
  readonly frameworkId: string;
  readonly now: Date;
}

/** Opens draft version n + 1 as a copy of published version n. */
export interface StartNewDraftVersion {
  readonly type: 'StartNewDraftVersion';
  readonly frameworkId: string;
}

export interface RetireFramework {
  readonly type: 'RetireFramework';
  readonly frameworkId: string;
  readonly reason: string;
  readonly now: Date;
}

export type FrameworkCommand =
  | CreateFrameworkDraft
  | RenameFrameworkDraft
  | ChangeFrameworkDraftPurpose
  | ReplaceFrameworkDraftContent
  | PublishFramework
  | StartNewDraftVersion
  | RetireFramework;
