import { DeciderSpecification, ForbiddenError, ValidationFailedError } from '@growth/es';
import type { NotificationPolicyCommand } from './notification-policy.commands';
import { notificationPolicyDecider } from './notification-policy.decider';
import type { PolicyActor } from './notification-policy.model';

const spec = DeciderSpecification.for(notificationPolicyDecider);
const admin: PolicyActor = { kind: 'PERSON', personId: 'admin-1', mayConfigure: true };
const employee: PolicyActor = { kind: 'PERSON', personId: 'emp-1', mayConfigure: false };
const schedule = (daysBefore: number[], sendAt = '08:00', actor = admin): NotificationPolicyCommand => ({ type: 'SetReminderSchedule', actor, daysBefore, sendAt });
const issuesOf = (e: ValidationFailedError) => e.issues.map((i) => i.path);

describe('notification policy decider', () => {
  it('sets the reminder schedule, latest reminder last, and ignores a repeat of the current one', () => {
    spec.given([]).when(schedule([3, 7, 21], '07:30')).then([{ type: 'ReminderScheduleSet', data: { daysBefore: [21, 7, 3], sendAt: '07:30', by: 'admin-1' } }]);
    spec.given([]).when(schedule([3, 14])).thenNothingHappens();
  });
  it('reports every bad part of a schedule', () => {
    const error = spec.given([]).when(schedule([0, 3, 3, 91, 1.5], '25:00')).thenThrows<ValidationFailedError>(ValidationFailedError);
    expect(issuesOf(error)).toEqual(['daysBefore.0', 'daysBefore.3', 'daysBefore.4', 'daysBefore', 'sendAt']);
  });
  it('switches a kind off or changes its channels; an enabled kind needs a channel', () => {
    spec.given([]).when({ type: 'ConfigureNotificationKind', actor: admin, kind: 'REVIEW_FILED', enabled: false, channels: [] }).then([
      { type: 'NotificationKindConfigured', data: { kind: 'REVIEW_FILED', enabled: false, channels: [], by: 'admin-1' } },
    ]);
    spec.given([]).when({ type: 'ConfigureNotificationKind', actor: admin, kind: 'REVIEW_FILED', enabled: true, channels: ['EMAIL', 'INBOX'] }).thenNothingHappens();
    spec.given([]).when({ type: 'ConfigureNotificationKind', actor: admin, kind: 'REVIEW_FILED', enabled: true, channels: [] }).thenThrows(ValidationFailedError);
    spec
      .given([])
      .when({ type: 'ConfigureNotificationKind', actor: admin, kind: 'NOPE' as never, enabled: true, channels: ['SMS' as never] })
      .thenThrows<ValidationFailedError>(ValidationFailedError, (e) => issuesOf(e).join() === 'kind,channels');
  });
  it("sets and clears HR's mailbox, refusing what is not an address", () => {
    spec.given([]).when({ type: 'SetHrMailbox', actor: admin, email: ' hr@district.example ' }).then([{ type: 'HrMailboxSet', data: { email: 'hr@district.example', by: 'admin-1' } }]);
    spec.given([{ type: 'HrMailboxSet', data: { email: 'hr@district.example', by: 'admin-1' } }]).when({ type: 'SetHrMailbox', actor: admin, email: null }).then([
      { type: 'HrMailboxSet', data: { email: null, by: 'admin-1' } },
    ]);
    spec.given([]).when({ type: 'SetHrMailbox', actor: admin, email: 'not an address' }).thenThrows(ValidationFailedError);
  });
  it('lets only HR and administrators change it', () => {
    spec.given([]).when(schedule([10], '08:00', employee)).thenThrows(ForbiddenError);
  });
});
