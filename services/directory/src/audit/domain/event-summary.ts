import { assertNever } from '@growth/es';
import type { PersonEvent } from '../../person/domain/person.events';
import type { SiteEvent } from '../../site/domain/site.events';
import type { MonthDay, TenantEvent } from '../../tenant/domain/tenant.events';
import type { Change } from '../../shared/domain/validation';

export type DirectoryEvent = PersonEvent | SiteEvent | TenantEvent;

/** Names for ids (people and sites), looked up by the caller; falls back to the id. */
export type NameOf = (id: string) => string | undefined;

const LABELS: Record<string, string> = {
  firstName: 'first name',
  lastName: 'last name',
  workEmail: 'work email',
  jobClassification: 'job classification',
  startDate: 'start date',
  name: 'name',
  kind: 'kind',
  timeZone: 'time zone',
  locale: 'locale',
};

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const monthDay = ({ month, day }: MonthDay): string => `${day} ${MONTHS[month - 1]}`;
const shown = (value: unknown): string => (value === null || value === undefined ? '(none)' : `"${String(value)}"`);

const changeList = (changes: Readonly<Record<string, Change<unknown> | undefined>>): string =>
  Object.entries(changes)
    .filter((entry): entry is [string, Change<unknown>] => entry[1] !== undefined)
    .map(([field, change]) => `${LABELS[field] ?? field} ${shown(change.from)} → ${shown(change.to)}`)
    .join('; ');

/** One line a person reading an employee file understands: what happened, with the values before and after. */
export const summarize = (event: DirectoryEvent, nameOf: NameOf = () => undefined): string => {
  const named = (id: string | null): string => (id === null ? '(none)' : (nameOf(id) ?? id));
  switch (event.type) {
    case 'PersonJoined':
      return `Joined as ${event.data.jobClassification} at ${named(event.data.siteId)}, starting ${event.data.startDate} (staff number ${event.data.staffNumber}, ${event.data.employmentStatus})`;
    case 'PersonDetailsChanged':
      return `Details changed: ${changeList(event.data.changes)}`;
    case 'PersonMovedSite':
      return `Moved from ${named(event.data.fromSiteId)} to ${named(event.data.toSiteId)}`;
    case 'PersonEmploymentStatusChanged':
      return `Employment status ${event.data.from} → ${event.data.to}`;
    case 'PersonLeft':
      return `Left on ${event.data.leftOn}`;
    case 'PersonRejoined':
      return `Rejoined (${event.data.employmentStatus})`;
    case 'SupervisorAssigned':
      return `Supervisor ${named(event.data.supervisorId)} from ${event.data.effectiveFrom}`;
    case 'SupervisorChanged':
      return `Supervisor changed from ${named(event.data.fromSupervisorId)} to ${named(event.data.toSupervisorId)} from ${event.data.effectiveFrom}`;
    case 'SupervisorUnassigned': {
      const why = { UNASSIGNED: '', PERSON_LEFT: ' (the person left)', SUPERVISOR_LEFT: ' (the supervisor left)' }[event.data.reason];
      return `No longer supervised by ${named(event.data.supervisorId)} from ${event.data.effectiveFrom}${why}`;
    }
    case 'SiteOpened':
      return `Site ${event.data.code} "${event.data.name}" opened${event.data.parentSiteId ? ` under ${named(event.data.parentSiteId)}` : ' as a root site'}`;
    case 'SiteDetailsChanged':
      return `Site details changed: ${changeList(event.data.changes)}`;
    case 'SiteMoved':
      return `Site moved from under ${named(event.data.fromParentSiteId)} to under ${named(event.data.toParentSiteId)}`;
    case 'TenantRegistered':
      return `Tenant "${event.data.name}" registered (${event.data.timeZone}, ${event.data.locale})`;
    case 'TenantSettingsChanged':
      return `Settings changed: ${changeList(event.data.changes)}`;
    case 'CycleCalendarChanged': {
      const { from, to } = event.data;
      const parts = (['goalSetting', 'midYearReflection', 'yearEndConference'] as const)
        .filter((k) => from[k].month !== to[k].month || from[k].day !== to[k].day)
        .map((k) => `${{ goalSetting: 'goal setting', midYearReflection: 'mid-year reflection', yearEndConference: 'year-end conference' }[k]} by ${monthDay(from[k])} → by ${monthDay(to[k])}`);
      return `Cycle calendar changed: ${parts.join('; ')}`;
    }
    default:
      return assertNever(event, 'event');
  }
};

/** The person and site ids an event mentions, so the caller can look their names up in one go. */
export const referencedIds = (event: DirectoryEvent): string[] => {
  switch (event.type) {
    case 'PersonJoined':
      return [event.data.siteId];
    case 'PersonMovedSite':
      return [event.data.fromSiteId, event.data.toSiteId];
    case 'SupervisorAssigned':
      return [event.data.supervisorId];
    case 'SupervisorChanged':
      return [event.data.fromSupervisorId, event.data.toSupervisorId];
    case 'SupervisorUnassigned':
      return [event.data.supervisorId];
    case 'SiteOpened':
      return event.data.parentSiteId ? [event.data.parentSiteId] : [];
    case 'SiteMoved':
      return [event.data.fromParentSiteId, event.data.toParentSiteId].filter((id): id is string => id !== null);
    default:
      return [];
  }
};
