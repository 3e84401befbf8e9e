import type { IntegrationEvent } from './integration-event';

/** Kinds of catalogue a tenant keeps (seed 000: competency framework; 003: behavioural attributes; 004: leadership). */
export type FrameworkKind = 'COMPETENCY_FRAMEWORK' | 'BEHAVIOURAL_ATTRIBUTES' | 'LEADERSHIP_FRAMEWORK';
export const FRAMEWORK_KINDS: readonly FrameworkKind[] = ['COMPETENCY_FRAMEWORK', 'BEHAVIOURAL_ATTRIBUTES', 'LEADERSHIP_FRAMEWORK'];

/** Published on `frameworks.framework.v1` when a tenant starts a new competency framework as a draft. */
export type FrameworkDraftCreated = IntegrationEvent<
  'FrameworkDraftCreated',
  { readonly frameworkId: string; readonly name: string; readonly purpose: string; readonly kind: FrameworkKind }
>;

/** Published on `frameworks.framework.v1` when a draft framework is renamed. */
export type FrameworkDraftRenamed = IntegrationEvent<'FrameworkDraftRenamed', { readonly frameworkId: string; readonly name: string }>;

export type FrameworkIntegrationEvent = FrameworkDraftCreated | FrameworkDraftRenamed;
export const FRAMEWORK_INTEGRATION_EVENT_TYPES: readonly FrameworkIntegrationEvent['type'][] = ['FrameworkDraftCreated', 'FrameworkDraftRenamed'];
