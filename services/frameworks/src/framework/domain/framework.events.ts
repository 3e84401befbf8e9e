import type { DomainEvent } from '@growth/es';
import type { FrameworkKind } from '@growth/contracts';

export type FrameworkDraftCreated = DomainEvent<'FrameworkDraftCreated', { frameworkId: string; name: string; purpose: string; kind: FrameworkKind }>;
export type FrameworkDraftRenamed = DomainEvent<'FrameworkDraftRenamed', { frameworkId: string; name: string }>;

export type FrameworkEvent = FrameworkDraftCreated | FrameworkDraftRenamed;
