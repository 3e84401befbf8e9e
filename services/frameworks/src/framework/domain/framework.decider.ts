import { assertNever, InvalidStateError, NotFoundError, ValidationFailedError, type Decider, type ValidationIssue } from '@growth/es';
import { FRAMEWORK_KINDS, type FrameworkKind } from '@growth/contracts';
import type { FrameworkCommand } from './framework.commands';
import type { FrameworkEvent, FrameworkPublished } from './framework.events';
import { diffFrameworkVersions } from './framework.diff';
import { EMPTY_CONTENT, jsonEqual, type FrameworkContent, type FrameworkDefinition } from './framework.model';
import { contentIssues, LIMITS, publicationIssues } from './framework.validation';

export interface PublishedVersion {
  readonly version: number;
  readonly publishedAt: string;
}

/** What every existing framework knows: its identity and its latest version (the open draft, or the last published). */
interface FrameworkFacts {
  readonly frameworkId: string;
  readonly kind: FrameworkKind;
  readonly name: string;
  readonly purpose: string;
  /** 1, 2, ...: the open draft's number while a draft is open, else the latest published version's. */
  readonly version: number;
  readonly content: FrameworkContent;
  readonly publishedVersions: readonly PublishedVersion[];
  /** The latest published version in full, as `FrameworkPublished` carried it. */
  readonly lastPublished: FrameworkPublished['data'] | null;
}

/**
 * - `draft`: version `version` is open for edits (earlier versions may be published);
 * - `published`: version `version` is published and no draft is open: edits need StartNewDraftVersion first;
 * - `retired`: no longer offered; nothing changes any more.
 */
export type FrameworkState =
  | { readonly status: 'none' }
  | ({ readonly status: 'draft' } & FrameworkFacts)
  | ({ readonly status: 'published' } & FrameworkFacts)
  | ({ readonly status: 'retired'; readonly retiredAt: string } & FrameworkFacts);

export type ExistingFrameworkState = Exclude<FrameworkState, { status: 'none' }>;

export const NAME_MAX = LIMITS.nameMax;
export const PURPOSE_MAX = LIMITS.purposeMax;
export const REASON_MAX = LIMITS.noteMax;

const nameIssues = (name: string): ValidationIssue[] => {
  const trimmed = name.trim();
  if (trimmed.length === 0) return [{ path: 'name', message: 'must not be empty' }];
  if (trimmed.length > NAME_MAX) return [{ path: 'name', message: `must be at most ${NAME_MAX} characters; ${trimmed.length} given` }];
  if (/[\r\n\u2028\u2029]/.test(trimmed)) return [{ path: 'name', message: 'must be one line' }];
  return [];
};

const purposeIssues = (purpose: string): ValidationIssue[] =>
  purpose.trim().length > PURPOSE_MAX ? [{ path: 'purpose', message: `must be at most ${PURPOSE_MAX} characters` }] : [];

const dateIssues = (path: string, date: Date): ValidationIssue[] => (Number.isNaN(date.getTime()) ? [{ path, message: 'must be a valid date' }] : []);

const reject = (issues: ValidationIssue[]): void => {
  if (issues.length > 0) throw new ValidationFailedError(issues);
};

/** The framework version the state holds now, whole: identity plus content. */
export const definitionOf = (state: ExistingFrameworkState): FrameworkDefinition => ({ kind: state.kind, name: state.name, purpose: state.purpose, ...state.content });

/** Plain JSON (no `undefined` keys, no class instances), as events are stored and compared. */
const plain = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

const exists = (state: FrameworkState, frameworkId: string): ExistingFrameworkState => {
  if (state.status === 'none') throw new NotFoundError(`Framework ${frameworkId} was not found`);
  return state;
};

const openDraft = (state: FrameworkState, frameworkId: string): Extract<FrameworkState, { status: 'draft' }> => {
  const existing = exists(state, frameworkId);
  switch (existing.status) {
    case 'draft':
      return existing;
    case 'published':
      throw new InvalidStateError(`Framework ${frameworkId} version ${existing.version} is published and never changes; start a new draft version to change it`);
    case 'retired':
      throw new InvalidStateError(`Framework ${frameworkId} is retired`);
    default:
      return assertNever(existing, 'state');
  }
};

/**
 * A tenant's framework: a stream of versions 1, 2, ... Each starts as a draft, is edited, and is published once
 * complete; a published version never changes. StartNewDraftVersion copies the latest published version into the
 * next draft; RetireFramework ends the framework.
 */
export const frameworkDecider: Decider<FrameworkCommand, FrameworkState, FrameworkEvent> = {
  initialState: () => ({ status: 'none' }),

  decide(command, state) {
    switch (command.type) {
      case 'CreateFrameworkDraft': {
        reject([
          ...nameIssues(command.name),
          ...(command.purpose.length > PURPOSE_MAX ? [{ path: 'purpose', message: `must be at most ${PURPOSE_MAX} characters` }] : []),
          ...(FRAMEWORK_KINDS.includes(command.kind) ? [] : [{ path: 'kind', message: `must be one of ${FRAMEWORK_KINDS.join(', ')}` }]),
        ]);
        if (state.status !== 'none') throw new InvalidStateError(`Framework ${command.frameworkId} already exists`);
        return [
          {
            type: 'FrameworkDraftCreated',
            data: { frameworkId: command.frameworkId, name: command.name.trim(), purpose: command.purpose.trim(), kind: command.kind },
          },
        ];
      }
      case 'RenameFrameworkDraft': {
        reject(nameIssues(command.name));
        const draft = openDraft(state, command.frameworkId);
        if (draft.name === command.name.trim()) return [];
        return [{ type: 'FrameworkDraftRenamed', data: { frameworkId: command.frameworkId, name: command.name.trim() } }];
      }
      case 'ChangeFrameworkDraftPurpose': {
        reject(purposeIssues(command.purpose));
        const draft = openDraft(state, command.frameworkId);
        if (draft.purpose === command.purpose.trim()) return [];
        return [{ type: 'FrameworkDraftPurposeChanged', data: { frameworkId: command.frameworkId, version: draft.version, purpose: command.purpose.trim() } }];
      }
      case 'ReplaceFrameworkDraftContent': {
        reject(contentIssues(command.content));
        const draft = openDraft(state, command.frameworkId);
        const content = plain(command.content);
        if (jsonEqual(content, draft.content)) return [];
        const identity = { kind: draft.kind, name: draft.name, purpose: draft.purpose };
        const changes = diffFrameworkVersions({ ...identity, ...draft.content }, { ...identity, ...content });
        return [{ type: 'FrameworkDraftContentReplaced', data: { frameworkId: command.frameworkId, version: draft.version, content, changes: plain(changes) } }];
      }
      case 'PublishFramework': {
        reject(dateIssues('now', command.now));
        const draft = openDraft(state, command.frameworkId);
        const framework = definitionOf(draft);
        reject(publicationIssues(framework));
        return [{ type: 'FrameworkPublished', data: { frameworkId: command.frameworkId, version: draft.version, publishedAt: command.now.toISOString(), framework: plain(framework) } }];
      }
      case 'StartNewDraftVersion': {
        const existing = exists(state, command.frameworkId);
        if (existing.status === 'draft') throw new InvalidStateError(`Framework ${command.frameworkId} already has draft version ${existing.version} open`);
        if (existing.status === 'retired') throw new InvalidStateError(`Framework ${command.frameworkId} is retired`);
        return [
          {
            type: 'FrameworkDraftVersionStarted',
            data: { frameworkId: command.frameworkId, version: existing.version + 1, basedOnVersion: existing.version, framework: plain(definitionOf(existing)) },
          },
        ];
      }
      case 'RetireFramework': {
        const reason = command.reason.trim();
        reject([...(reason.length > REASON_MAX ? [{ path: 'reason', message: `must be at most ${REASON_MAX} characters; ${reason.length} given` }] : []), ...dateIssues('now', command.now)]);
        const existing = exists(state, command.frameworkId);
        if (existing.status === 'retired') throw new InvalidStateError(`Framework ${command.frameworkId} is already retired`);
        const lastPublishedVersion = existing.publishedVersions.at(-1)?.version ?? null;
        return [
          {
            type: 'FrameworkRetired',
            data: {
              frameworkId: command.frameworkId,
              retiredAt: command.now.toISOString(),
              reason,
              lastPublishedVersion,
              abandonedDraftVersion: existing.status === 'draft' ? existing.version : null,
            },
          },
        ];
      }
      default:
        return assertNever(command, 'command');
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'FrameworkDraftCreated':
        return { status: 'draft', ...event.data, version: 1, content: EMPTY_CONTENT, publishedVersions: [], lastPublished: null };
      case 'FrameworkDraftRenamed':
        return state.status === 'none' ? state : { ...state, name: event.data.name };
      case 'FrameworkDraftPurposeChanged':
        return state.status === 'none' ? state : { ...state, purpose: event.data.purpose };
      case 'FrameworkDraftContentReplaced':
        return state.status === 'none' ? state : { ...state, content: event.data.content };
      case 'FrameworkPublished': {
        if (state.status === 'none') return state;
        const { kind, name, purpose, ...content } = event.data.framework;
        return {
          ...state,
          status: 'published',
          kind,
          name,
          purpose,
          content,
          version: event.data.version,
          publishedVersions: [...state.publishedVersions, { version: event.data.version, publishedAt: event.data.publishedAt }],
          lastPublished: event.data,
        };
      }
      case 'FrameworkDraftVersionStarted': {
        if (state.status === 'none') return state;
        const { kind, name, purpose, ...content } = event.data.framework;
        return { ...state, status: 'draft', kind, name, purpose, content, version: event.data.version };
      }
      case 'FrameworkRetired':
        return state.status === 'none' ? state : { ...state, status: 'retired', retiredAt: event.data.retiredAt };
      default:
        return assertNever(event, 'event');
    }
  },
};
