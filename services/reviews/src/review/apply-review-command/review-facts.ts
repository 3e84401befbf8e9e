import type { EntityManager } from 'typeorm';
import type { FrameworkDefinitionData } from '@growth/contracts';
import { InvalidStateError } from '@growth/es';
import { frameworkVersion } from '../../cycle/eligible-people';
import type { CycleOpened } from '../../cycle/domain/cycle.events';
import { openedCycle } from '../../cycle/open-cycle/cycle-opener';
import type { RatingFacts, SelectionFacts } from '../domain/review.commands';
import type { ReviewState } from '../domain/review.model';

/** What the decider needs to know beyond the review itself, read in the command's transaction. */
export const pinnedFramework = async (manager: EntityManager, tenantId: string, state: ReviewState): Promise<FrameworkDefinitionData> => {
  const definition = state.framework ? await frameworkVersion(manager, tenantId, state.framework) : null;
  // The cycle checked the version when it opened; a copy still missing means the frameworks' events are behind.
  if (!definition) throw new InvalidStateError('the framework version this review uses is not available yet; try again shortly');
  return definition;
};

export const selectionFacts = async (manager: EntityManager, tenantId: string, state: ReviewState): Promise<SelectionFacts> => {
  const framework = await pinnedFramework(manager, tenantId, state);
  const [person]: Array<{ job_classification: string; supervises: boolean }> = await manager.query(
    `SELECT p.job_classification,
            EXISTS (SELECT 1 FROM review_people r WHERE r.tenant_id = p.tenant_id AND r.supervisor_id = p.person_id AND r.employment_status <> 'LEFT') AS supervises
     FROM review_people p WHERE p.tenant_id = $1 AND p.person_id = $2`,
    [tenantId, state.personId],
  );
  return {
    clusters: framework.clusters,
    rules: framework.selectionRules ?? { atLeastOnePerCluster: false, clustersRequiredOnlyForSupervisors: [], positionSpecificCompetencies: [] },
    person: { supervises: person?.supervises ?? false, jobClassification: person?.job_classification ?? '' },
  };
};

export const ratingFacts = async (manager: EntityManager, tenantId: string, state: ReviewState): Promise<RatingFacts> => {
  const framework = await pinnedFramework(manager, tenantId, state);
  return { ratingLevelIds: (framework.ratingScale?.levels ?? []).map((l) => l.id), themeIds: framework.clusters.map((c) => c.id) };
};

export const cycleOf = async (manager: EntityManager, tenantId: string, state: ReviewState): Promise<CycleOpened['data']> => {
  const cycle = await openedCycle(manager, tenantId, state.cycleId);
  if (!cycle) throw new InvalidStateError('the review cycle is not available yet; try again shortly');
  return cycle.opened;
};
