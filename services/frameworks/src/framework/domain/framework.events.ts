import type { DomainEvent } from '@growth/es';
import type { FrameworkKind } from '@growth/contracts';
import type { FrameworkChange } from './framework.diff';
import type { FrameworkContent, FrameworkDefinition } from './framework.model';

/*
 * Every framework event is public (see framework.stream.ts) and carries what a consumer needs without calling back:
 * content-changing events carry the whole content, `FrameworkPublished` the whole published version.
 * The first two types are stored already: their data shapes never change.
 */

/** A new framework exists as draft version 1 with no content yet. */
export type FrameworkDraftCreated = DomainEvent<'FrameworkDraftCreated', { frameworkId: string; name: string; purpose: string; kind: FrameworkKind }>;

/** The open draft (whatever its version number) was renamed. */
export type FrameworkDraftRenamed = DomainEvent<'FrameworkDraftRenamed', { frameworkId: string; name: string }>;

/** The open draft's purpose was changed. */
export type FrameworkDraftPurposeChanged = DomainEvent<'FrameworkDraftPurposeChanged', { frameworkId: string; version: number; purpose: string }>;

/**
 * The open draft's content (scale, levels of responsibility, clusters, competencies, descriptors, rules) was
 * replaced. `content` is the complete new content; `changes` lists what differs from the previous content, for
 * the audit trail.
 */
export type FrameworkDraftContentReplaced = DomainEvent<
  'FrameworkDraftContentReplaced',
  { frameworkId: string; version: number; content: FrameworkContent; changes: FrameworkChange[] }
>;

/**
 * A draft became a published version, which never changes. `framework` is that complete version (the same shape as
 * a framework document), so consumers keep their own copy of every version that reviews point at.
 */
export type FrameworkPublished = DomainEvent<'FrameworkPublished', { frameworkId: string; version: number; publishedAt: string; framework: FrameworkDefinition }>;

/** A new draft version was opened as a copy of the latest published version, which stays published. */
export type FrameworkDraftVersionStarted = DomainEvent<
  'FrameworkDraftVersionStarted',
  { frameworkId: string; version: number; basedOnVersion: number; framework: FrameworkDefinition }
>;

/**
 * The framework is no longer offered for new reviews. Published versions stay readable (reviews keep pointing at
 * them); an open draft is abandoned.
 */
export type FrameworkRetired = DomainEvent<
  'FrameworkRetired',
  { frameworkId: string; retiredAt: string; reason: string; lastPublishedVersion: number | null; abandonedDraftVersion: number | null }
>;

export type FrameworkEvent =
  | FrameworkDraftCreated
  | FrameworkDraftRenamed
  | FrameworkDraftPurposeChanged
  | FrameworkDraftContentReplaced
  | FrameworkPublished
  | FrameworkDraftVersionStarted
  | FrameworkRetired;

export const FRAMEWORK_EVENT_TYPES: readonly FrameworkEvent['type'][] = [
  'FrameworkDraftCreated',
  'FrameworkDraftRenamed',
  'FrameworkDraftPurposeChanged',
  'FrameworkDraftContentReplaced',
  'FrameworkPublished',
  'FrameworkDraftVersionStarted',
  'FrameworkRetired',
];
