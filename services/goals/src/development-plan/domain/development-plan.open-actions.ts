import { compareLocalDates, type LocalDate } from '@growth/calendar';
import type { ActivityKind, DevelopmentPlanState } from './development-plan.model';

/** Something agreed on the plan that has not happened yet, and who has to make it happen. */
export type OpenAction =
  | {
      readonly what: 'ACTIVITY';
      readonly activityId: string;
      readonly kind: ActivityKind;
      readonly description: string;
      readonly owner: string;
      readonly dueOn: LocalDate;
      readonly overdue: boolean;
    }
  | {
      readonly what: 'TRAINING_NEED';
      readonly needId: string;
      readonly description: string;
      /** The reviewer arranges identified training (seed 003); null while the person has no supervisor. */
      readonly owner: string | null;
      readonly dueOn: LocalDate;
      readonly overdue: boolean;
    };

/**
 * The reviewer's duty to make agreed development happen, as a to-do list: planned activities and open training
 * needs, earliest due first. Overdue once the due date is before `today` (the due day itself still counts).
 */
export const openActions = (state: DevelopmentPlanState, today: LocalDate): OpenAction[] => {
  const activities: OpenAction[] = state.activities
    .filter((a) => a.status === 'PLANNED')
    .map((a) => ({ what: 'ACTIVITY', activityId: a.activityId, kind: a.kind, description: a.description, owner: a.arrangedBy, dueOn: a.endsOn, overdue: compareLocalDates(a.endsOn, today) < 0 }));
  const needs: OpenAction[] = state.trainingNeeds
    .filter((n) => n.status === 'OPEN')
    .map((n) => ({ what: 'TRAINING_NEED', needId: n.needId, description: n.description, owner: state.supervisorId, dueOn: n.neededBy, overdue: compareLocalDates(n.neededBy, today) < 0 }));
  const idOf = (a: OpenAction): string => (a.what === 'ACTIVITY' ? a.activityId : a.needId);
  // Ties keep activities before needs, then ids: the list never reorders between two reads of the same plan.
  return [...activities, ...needs].sort((a, b) => compareLocalDates(a.dueOn, b.dueOn) || (a.what === b.what ? 0 : a.what === 'ACTIVITY' ? -1 : 1) || (idOf(a) < idOf(b) ? -1 : idOf(a) > idOf(b) ? 1 : 0));
};
