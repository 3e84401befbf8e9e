import { assertNever, InvalidStateError, NotFoundError, type Decider, type ValidationIssue } from '@growth/es';
import { changesBetween, check, code, oneOf, rejectIfAny, text } from '../../shared/domain/validation';
import type { ChangeSiteDetails, MoveSite, OpenSite, SiteCommand, SiteFacts } from './site.commands';
import { SITE_KINDS, type SiteEvent, type SiteKind } from './site.events';

export type SiteState =
  | { readonly status: 'none' }
  | { readonly status: 'open'; readonly siteId: string; readonly code: string; readonly name: string; readonly kind: SiteKind | null; readonly parentSiteId: string | null };
type OpenState = Extract<SiteState, { status: 'open' }>;

const parentIssues = (siteId: string, parentSiteId: string | null, facts: SiteFacts): ValidationIssue[] => {
  if (parentSiteId === null) return [];
  if (!facts.parentKnown) return [{ path: 'parentSiteId', message: 'no such site' }];
  // The tree stays a tree: the new parent may not be the site itself or anything below it.
  if (parentSiteId === siteId || facts.parentAncestry.includes(siteId)) {
    return [{ path: 'parentSiteId', message: 'a site cannot be placed under itself or one of its own descendants' }];
  }
  return [];
};

const open = (command: Omit<OpenSite, 'type' | 'kind'>, kind: SiteKind | null, state: SiteState): SiteEvent[] => {
  rejectIfAny([
    ...check(
      ['code', code(command.code)],
      ['name', text(200)(command.name)],
      ['kind', kind === null ? undefined : oneOf(SITE_KINDS)(kind)],
      ['code', command.facts.codeUsedBy && command.facts.codeUsedBy !== command.siteId ? `is already used by site ${command.facts.codeUsedBy}` : undefined],
    ),
    ...parentIssues(command.siteId, command.parentSiteId, command.facts),
  ]);
  if (state.status !== 'none') throw new InvalidStateError(`Site ${command.siteId} already exists`);
  return [{ type: 'SiteOpened', data: { siteId: command.siteId, code: command.code, name: command.name.trim(), kind, parentSiteId: command.parentSiteId } }];
};

const changeDetails = (command: Omit<ChangeSiteDetails, 'type'>, state: SiteState): SiteEvent[] => {
  rejectIfAny(
    check(['name', command.name === undefined ? undefined : text(200)(command.name)], ['kind', command.kind == null ? undefined : oneOf(SITE_KINDS)(command.kind)]),
  );
  const site = existing(state, command.siteId);
  const changes = changesBetween({ name: site.name, kind: site.kind }, { ...(command.name !== undefined && { name: command.name.trim() }), ...(command.kind !== undefined && { kind: command.kind }) });
  return Object.keys(changes).length === 0 ? [] : [{ type: 'SiteDetailsChanged', data: { siteId: command.siteId, changes } }];
};

const move = (command: Omit<MoveSite, 'type'>, state: SiteState): SiteEvent[] => {
  rejectIfAny(parentIssues(command.siteId, command.parentSiteId, command.facts));
  const site = existing(state, command.siteId);
  if (site.parentSiteId === command.parentSiteId) return [];
  return [{ type: 'SiteMoved', data: { siteId: command.siteId, fromParentSiteId: site.parentSiteId, toParentSiteId: command.parentSiteId } }];
};

const existing = (state: SiteState, siteId: string): OpenState => {
  if (state.status === 'none') throw new NotFoundError(`Site ${siteId} was not found`);
  return state;
};

/** A school, department or service, in a tree of sites. */
export const siteDecider: Decider<SiteCommand, SiteState, SiteEvent> = {
  initialState: () => ({ status: 'none' }),

  decide(command, state) {
    switch (command.type) {
      case 'OpenSite':
        return open(command, command.kind, state);
      case 'ChangeSiteDetails':
        return changeDetails(command, state);
      case 'MoveSite':
        return move(command, state);
      case 'SyncSiteFromHris': {
        if (state.status === 'none') return open(command, null, state);
        // The code is the key the feed matched the site by; it never changes.
        if (state.code !== command.code) throw new InvalidStateError(`Site ${command.siteId} has code ${state.code}, not ${command.code}`);
        const renamed = changeDetails({ siteId: command.siteId, name: command.name }, state);
        const moved = move(command, renamed.reduce(siteDecider.evolve, state));
        return [...renamed, ...moved];
      }
      default:
        return assertNever(command, 'command');
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'SiteOpened':
        return { status: 'open', ...event.data };
      case 'SiteDetailsChanged': {
        if (state.status === 'none') return state;
        const { name, kind } = event.data.changes;
        return { ...state, ...(name && { name: name.to }), ...(kind && { kind: kind.to }) };
      }
      case 'SiteMoved':
        return state.status === 'none' ? state : { ...state, parentSiteId: event.data.toParentSiteId };
      default:
        return assertNever(event, 'event');
    }
  },
};
