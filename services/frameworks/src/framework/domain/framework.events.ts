import type * as Public from '@growth/contracts';
import type { AssertNoDrift, DomainEventOf, ShapeDiff } from '@growth/contracts';
import type { FrameworkChange } from './framework.diff';
import type { FrameworkContent, FrameworkDefinition } from './framework.model';

/*
 * Every framework event is public: its type is defined once, in @growth/contracts (framework-events.ts, where each
 * is documented), and the domain event is derived from it. framework.stream.ts publishes them through
 * `toIntegrationEvent`, which does not compile unless `FrameworkEvent` is exactly the contract's
 * `FrameworkStreamEvent`. The first two types are stored already: their data shapes never change.
 */

export type FrameworkDraftCreated = DomainEventOf<Public.FrameworkDraftCreated>;
export type FrameworkDraftRenamed = DomainEventOf<Public.FrameworkDraftRenamed>;
export type FrameworkDraftPurposeChanged = DomainEventOf<Public.FrameworkDraftPurposeChanged>;
/** `content` is the complete new content; `changes` lists what differs from the previous content (the audit trail). */
export type FrameworkDraftContentReplaced = DomainEventOf<Public.FrameworkDraftContentReplaced>;
/** `framework` is the complete published version, so consumers keep their own copy of every version reviews point at. */
export type FrameworkPublished = DomainEventOf<Public.FrameworkPublished>;
export type FrameworkDraftVersionStarted = DomainEventOf<Public.FrameworkDraftVersionStarted>;
export type FrameworkRetired = DomainEventOf<Public.FrameworkRetired>;

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

/**
 * Compile-time: the domain model the deciders put into these events has exactly the contract's shape (keys,
 * optionality and types, readonly or not), so nothing undocumented is stored or published. On a difference, tsc
 * fails here naming it, e.g. `FrameworkContent.clusters[].note is only in the domain model`.
 */
export type FrameworkModelMatchesContract = AssertNoDrift<
  | ShapeDiff<FrameworkContent, Public.FrameworkContentData, 'FrameworkContent', Sides>
  | ShapeDiff<FrameworkDefinition, Public.FrameworkDefinitionData, 'FrameworkDefinition', Sides>
  | ShapeDiff<FrameworkChange, Public.FrameworkChangeData, 'FrameworkChange', Sides>
>;
type Sides = readonly ['domain model', 'contract'];
