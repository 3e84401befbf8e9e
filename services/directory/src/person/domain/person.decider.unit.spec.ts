import { DeciderSpecification, NotFoundError, InvalidStateError, ValidationFailedError } from '@growth/es';
import type { AddPerson, AssignSupervisor, SupervisorFacts } from './person.commands';
import { personDecider } from './person.decider';
import type { PersonEvent, PersonJoined } from './person.events';
import { lineManagementSpan } from './line-management-span';

const spec = DeciderSpecification.for(personDecider);
const ana = '0192f3a0-0000-7000-8000-00000000000a';
const bea = '0192f3a0-0000-7000-8000-00000000000b';
const cal = '0192f3a0-0000-7000-8000-00000000000c';
const school = '0192f3a0-0000-7000-8000-000000000101';
const kitchen = '0192f3a0-0000-7000-8000-000000000102';
const today = '2025-03-10';

const joined: PersonJoined = {
  type: 'PersonJoined',
  data: { personId: ana, staffNumber: 'E1001', firstName: 'Ana', lastName: 'Lopez', workEmail: 'ana.lopez@lausd.net', jobClassification: 'Custodian', startDate: '2019-08-12', siteId: school, employmentStatus: 'ACTIVE' },
};
const add: AddPerson = {
  type: 'AddPerson',
  personId: ana,
  staffNumber: 'E1001',
  firstName: ' Ana ',
  lastName: 'Lopez',
  workEmail: 'Ana.Lopez@LAUSD.net',
  jobClassification: 'Custodian',
  startDate: '2019-08-12',
  siteId: school,
  employmentStatus: 'ACTIVE',
  facts: { siteKnown: true, staffNumberUsedBy: null },
};
const activeSupervisor = (...above: string[]): SupervisorFacts => ({ supervisorStatus: 'ACTIVE', supervisorAncestry: above });
const assign = (supervisorId: string | null, effectiveFrom = '2025-01-06', facts = activeSupervisor()): AssignSupervisor => ({ type: 'AssignSupervisor', personId: ana, supervisorId, effectiveFrom, today, facts });
const assignedToBea: PersonEvent = { type: 'SupervisorAssigned', data: { personId: ana, supervisorId: bea, effectiveFrom: '2025-01-06' } };
const left: PersonEvent = { type: 'PersonLeft', data: { personId: ana, leftOn: '2025-02-28' } };

describe('person decider', () => {
  describe('AddPerson', () => {
    it('records a joiner with trimmed names and a normalised email', () => {
      spec.given([]).when(add).then([joined]);
    });

    it('accepts a person without a work email (many support staff have none)', () => {
      spec.given([]).when({ ...add, workEmail: '' }).then([{ ...joined, data: { ...joined.data, workEmail: null } }]);
    });

    it('names every invalid field', () => {
      const error = spec
        .given([])
        .when({ ...add, staffNumber: 'E 1', firstName: '', workEmail: 'not-an-email', jobClassification: 'x'.repeat(101), startDate: '2019-02-30', employmentStatus: 'LEFT' as never, facts: { siteKnown: false, staffNumberUsedBy: null } })
        .thenThrows<ValidationFailedError>(ValidationFailedError);
      expect(error.issues.map((i) => i.path)).toEqual(['staffNumber', 'siteId', 'employmentStatus', 'firstName', 'workEmail', 'jobClassification', 'startDate']);
    });

    it('refuses a staff number another person has', () => {
      spec
        .given([])
        .when({ ...add, facts: { siteKnown: true, staffNumberUsedBy: bea } })
        .thenThrows<ValidationFailedError>(ValidationFailedError, (e) => e.issues[0].path === 'staffNumber' && e.issues[0].message.includes(bea));
    });

    it('refuses to add the same person twice', () => {
      spec.given([joined]).when(add).thenThrows(InvalidStateError);
    });
  });

  describe('ChangePersonDetails', () => {
    it('records only the fields that changed, with before and after', () => {
      spec
        .given([joined])
        .when({ type: 'ChangePersonDetails', personId: ana, firstName: 'Ana', lastName: 'López', workEmail: null })
        .then([{ type: 'PersonDetailsChanged', data: { personId: ana, changes: { lastName: { from: 'Lopez', to: 'López' }, workEmail: { from: 'ana.lopez@lausd.net', to: null } } } }]);
    });

    it('does nothing when nothing changes', () => {
      spec.given([joined]).when({ type: 'ChangePersonDetails', personId: ana, workEmail: 'ANA.LOPEZ@lausd.net' }).thenNothingHappens();
    });

    it('refuses invalid values and unknown people', () => {
      spec.given([joined]).when({ type: 'ChangePersonDetails', personId: ana, startDate: '12/08/2019' }).thenThrows<ValidationFailedError>(ValidationFailedError, (e) => e.issues[0].path === 'startDate');
      spec.given([]).when({ type: 'ChangePersonDetails', personId: ana, firstName: 'Ana' }).thenThrows(NotFoundError);
    });
  });

  describe('MovePersonToSite', () => {
    it('moves a person to another site', () => {
      spec.given([joined]).when({ type: 'MovePersonToSite', personId: ana, siteId: kitchen, facts: { siteKnown: true } }).then([{ type: 'PersonMovedSite', data: { personId: ana, fromSiteId: school, toSiteId: kitchen } }]);
    });

    it('does nothing for the same site', () => {
      spec.given([joined]).when({ type: 'MovePersonToSite', personId: ana, siteId: school, facts: { siteKnown: true } }).thenNothingHappens();
    });

    it('refuses an unknown site and an unknown person', () => {
      spec.given([joined]).when({ type: 'MovePersonToSite', personId: ana, siteId: kitchen, facts: { siteKnown: false } }).thenThrows(ValidationFailedError);
      spec.given([]).when({ type: 'MovePersonToSite', personId: ana, siteId: kitchen, facts: { siteKnown: true } }).thenThrows(NotFoundError);
    });
  });

  describe('ChangeEmploymentStatus', () => {
    it('puts a person on leave and back', () => {
      spec.given([joined]).when({ type: 'ChangeEmploymentStatus', personId: ana, employmentStatus: 'ON_LEAVE' }).then([{ type: 'PersonEmploymentStatusChanged', data: { personId: ana, from: 'ACTIVE', to: 'ON_LEAVE' } }]);
    });

    it('rejoins someone who had left', () => {
      spec.given([joined, left]).when({ type: 'ChangeEmploymentStatus', personId: ana, employmentStatus: 'ACTIVE' }).then([{ type: 'PersonRejoined', data: { personId: ana, employmentStatus: 'ACTIVE' } }]);
    });

    it('does nothing for the same status, and refuses LEFT (that is RecordPersonLeft)', () => {
      spec.given([joined]).when({ type: 'ChangeEmploymentStatus', personId: ana, employmentStatus: 'ACTIVE' }).thenNothingHappens();
      spec.given([joined]).when({ type: 'ChangeEmploymentStatus', personId: ana, employmentStatus: 'LEFT' as never }).thenThrows(ValidationFailedError);
    });
  });

  describe('RecordPersonLeft', () => {
    const leave = { type: 'RecordPersonLeft' as const, personId: ana, leftOn: '2025-02-28', today };

    it('records the leaving date', () => {
      spec.given([joined]).when(leave).then([left]);
    });

    it('ends their own reporting line first, no earlier than it began', () => {
      spec
        .given([joined, assignedToBea])
        .when({ ...leave, leftOn: '2024-12-31' })
        .then([
          { type: 'SupervisorUnassigned', data: { personId: ana, supervisorId: bea, effectiveFrom: '2025-01-06', reason: 'PERSON_LEFT' } },
          { type: 'PersonLeft', data: { personId: ana, leftOn: '2024-12-31' } },
        ]);
    });

    it('refuses a future date, a second leaving and an unknown person', () => {
      spec.given([joined]).when({ ...leave, leftOn: '2025-03-11' }).thenThrows<ValidationFailedError>(ValidationFailedError, (e) => e.issues[0].path === 'leftOn');
      spec.given([joined, left]).when(leave).thenThrows(InvalidStateError);
      spec.given([]).when(leave).thenThrows(NotFoundError);
    });
  });

  describe('AssignSupervisor', () => {
    it('assigns, changes and removes a supervisor from a date on', () => {
      spec.given([joined]).when(assign(bea)).then([assignedToBea]);
      spec.given([joined, assignedToBea]).when(assign(cal, '2025-02-01')).then([{ type: 'SupervisorChanged', data: { personId: ana, fromSupervisorId: bea, toSupervisorId: cal, effectiveFrom: '2025-02-01' } }]);
      spec
        .given([joined, assignedToBea])
        .when(assign(null, '2025-02-01'))
        .then([{ type: 'SupervisorUnassigned', data: { personId: ana, supervisorId: bea, effectiveFrom: '2025-02-01', reason: 'UNASSIGNED' } }]);
    });

    it('does nothing for the current supervisor, or for no supervisor when there is none', () => {
      spec.given([joined, assignedToBea]).when(assign(bea, '2025-03-01')).thenNothingHappens();
      spec.given([joined]).when(assign(null)).thenNothingHappens();
    });

    it('refuses a reporting cycle: the supervisor already reports to the person, directly or not', () => {
      // bea reports to cal, cal reports to ana: ana -> bea would close the loop.
      spec
        .given([joined])
        .when(assign(bea, '2025-01-06', activeSupervisor(cal, ana)))
        .thenThrows<ValidationFailedError>(ValidationFailedError, (e) => e.issues[0].path === 'supervisorId' && /cycle/.test(e.issues[0].message));
    });

    it('refuses self-supervision, unknown and departed supervisors', () => {
      for (const [supervisorId, facts] of [
        [ana, activeSupervisor()],
        [bea, { supervisorStatus: null, supervisorAncestry: [] }],
        [bea, { supervisorStatus: 'LEFT', supervisorAncestry: [] }],
      ] as const) {
        spec.given([joined]).when(assign(supervisorId, '2025-01-06', facts)).thenThrows<ValidationFailedError>(ValidationFailedError, (e) => e.issues[0].path === 'supervisorId');
      }
    });

    it('refuses dates in the future or before the current line began', () => {
      spec.given([joined]).when(assign(bea, '2025-03-11')).thenThrows<ValidationFailedError>(ValidationFailedError, (e) => e.issues[0].path === 'effectiveFrom');
      spec.given([joined, assignedToBea]).when(assign(cal, '2025-01-05')).thenThrows<ValidationFailedError>(ValidationFailedError, (e) => /2025-01-06/.test(e.issues[0].message));
    });

    it('refuses people who left or do not exist', () => {
      spec.given([joined, left]).when(assign(bea)).thenThrows(InvalidStateError);
      spec.given([]).when(assign(bea)).thenThrows(NotFoundError);
    });
  });

  describe('SyncPersonFromHris', () => {
    const sync = { ...add, type: 'SyncPersonFromHris' as const, firstName: 'Ana', workEmail: 'ana.lopez@lausd.net', today };

    it('adds someone the directory does not know', () => {
      spec.given([]).when(sync).then([joined]);
    });

    it('changes nothing when the feed agrees (re-importing is idempotent)', () => {
      spec.given([joined]).when(sync).thenNothingHappens();
    });

    it('emits only what changed: details, site and status, in that order', () => {
      spec
        .given([joined])
        .when({ ...sync, jobClassification: 'Senior Custodian', siteId: kitchen, employmentStatus: 'ON_LEAVE' })
        .then([
          { type: 'PersonDetailsChanged', data: { personId: ana, changes: { jobClassification: { from: 'Custodian', to: 'Senior Custodian' } } } },
          { type: 'PersonMovedSite', data: { personId: ana, fromSiteId: school, toSiteId: kitchen } },
          { type: 'PersonEmploymentStatusChanged', data: { personId: ana, from: 'ACTIVE', to: 'ON_LEAVE' } },
        ]);
    });

    it('rejoins someone the feed lists as employed again', () => {
      spec.given([joined, left]).when(sync).then([{ type: 'PersonRejoined', data: { personId: ana, employmentStatus: 'ACTIVE' } }]);
    });

    it('records a leaver as of today, ending their reporting line, and changes nothing once they have left', () => {
      spec
        .given([joined, assignedToBea])
        .when({ ...sync, employmentStatus: 'LEFT' })
        .then([
          { type: 'SupervisorUnassigned', data: { personId: ana, supervisorId: bea, effectiveFrom: today, reason: 'PERSON_LEFT' } },
          { type: 'PersonLeft', data: { personId: ana, leftOn: today } },
        ]);
      spec.given([joined, left]).when({ ...sync, employmentStatus: 'LEFT' }).thenNothingHappens();
    });

    it('adds a leaver it never knew, as joined and left', () => {
      spec.given([]).when({ ...sync, employmentStatus: 'LEFT' }).then([joined, { type: 'PersonLeft', data: { personId: ana, leftOn: today } }]);
    });

    it('validates like AddPerson', () => {
      spec.given([]).when({ ...sync, workEmail: 'nope' }).thenThrows<ValidationFailedError>(ValidationFailedError, (e) => e.issues[0].path === 'workEmail');
    });

    it('refuses a different staff number for the same person', () => {
      spec.given([joined]).when({ ...sync, staffNumber: 'E9999' }).thenThrows(InvalidStateError);
    });
  });
});

describe('line-management span', () => {
  it.each([
    [0, 0, 'NONE'],
    [3, 0, 'TEAM_MANAGER'],
    [3, 1, 'MANAGER_OF_MANAGERS'],
  ] as const)('%i direct reports, %i of whom manage: %s', (direct, managing, span) => {
    expect(lineManagementSpan(direct, managing)).toBe(span);
  });
});
