import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { evaluateSelection, type SelectionViolation } from '@growth/contracts';
import { fold, NotFoundError, ValidationFailedError, type EventStore } from '@growth/es';
import { withTenant } from '@growth/es-postgres';
import { EVENT_STORE, type Identity } from '@growth/service-kit';
import type { Phase } from '../cycle/domain/cycle.model';
import { openedCycle } from '../cycle/open-cycle/cycle-opener';
import type { ReviewEvent } from './domain/review.events';
import { selectionFacts } from './apply-review-command/review-facts';
import { reviewDecider } from './domain/review.decider';
import type { ReviewSummaryPage, ReviewView, YearEndSummaryDocument } from './review.graphql';
import { accessToReview, type ReviewAccess } from './review-access';
import { reviewStreamId } from './review.stream';
import { reviewSummaryOf, reviewViewOf, type CycleTimes, type ReviewListRow } from './review.view';

const LIST_COLUMNS = `l.review_id, l.cycle_id, l.person_id, l.supervisor_id, l.process, l.status, l.phases_completed, l.overall_assessment_id, l.eligible_for_pay_progression, l.version`;

const encodeCursor = (reviewId: string): string => Buffer.from(reviewId).toString('base64url');
const decodeCursor = (cursor: string | null | undefined): string | null => {
  if (cursor === undefined || cursor === null) return null;
  const id = Buffer.from(cursor, 'base64url').toString();
  if (!/^[0-9a-f-]{36}$/.test(id)) throw new ValidationFailedError([{ path: 'after', message: 'not a cursor this list returned' }]);
  return id;
};

/**
 * Reads reviews for a caller, under the access rules: the employee, their current supervisor, that supervisor's
 * managers (read-only) and HR of the tenant see a review; nobody else learns it exists. Analysts see no individual
 * review. Every query runs in the caller's tenant transaction and filters by the verified identity.
 */
@Injectable()
export class ReviewReader {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(EVENT_STORE) private readonly store: EventStore<EntityManager>,
  ) {}

  private inTenant<T>(identity: Identity, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return withTenant(this.dataSource, identity.tenantId, work);
  }

  private accessTo(manager: EntityManager, identity: Identity, row: ReviewListRow): Promise<ReviewAccess | null> {
    return accessToReview(manager, identity, { personId: row.person_id, supervisorId: row.supervisor_id });
  }

  private async cycleTimes(manager: EntityManager, tenantId: string, cycleId: string): Promise<CycleTimes> {
    const cycle = await openedCycle(manager, tenantId, cycleId);
    if (!cycle) throw new NotFoundError('no such cycle');
    return { deadlines: cycle.opened.deadlines, timeZone: cycle.opened.timeZone };
  }

  /** The review, or NOT_FOUND when it does not exist or the caller may not see it. */
  async review(identity: Identity, reviewId: string, now = new Date()): Promise<ReviewView> {
    return this.inTenant(identity, async (manager) => {
      const [row]: ReviewListRow[] = await manager.query(`SELECT ${LIST_COLUMNS} FROM review_list l WHERE l.tenant_id = $1 AND l.review_id::text = $2`, [identity.tenantId, reviewId]);
      if (!row || (await this.accessTo(manager, identity, row)) === null) throw new NotFoundError('no such review');
      const stream = await this.store.readStream<ReviewEvent>(reviewStreamId(identity.tenantId, reviewId), identity.tenantId);
      return reviewViewOf(stream.events, await this.cycleTimes(manager, identity.tenantId, row.cycle_id), now);
    });
  }

  /** The caller's own review in a cycle (the latest cycle they have one in, when none is named). */
  async myReview(identity: Identity, cycleId: string | undefined, now = new Date()): Promise<ReviewView | null> {
    const [row]: Array<{ review_id: string }> = await this.inTenant(identity, (manager) =>
      manager.query(
        `SELECT l.review_id FROM review_list l JOIN review_cycles c ON c.tenant_id = l.tenant_id AND c.cycle_id = l.cycle_id
         WHERE l.tenant_id = $1 AND l.person_id::text = $2 AND ($3::text IS NULL OR l.cycle_id::text = $3) ORDER BY c.starts_on DESC LIMIT 1`,
        [identity.tenantId, identity.actorId, cycleId ?? null],
      ),
    );
    return row ? this.review(identity, row.review_id, now) : null;
  }

  private async page(identity: Identity, cycleId: string, where: string, params: unknown[], first: number, after: string | undefined, now: Date): Promise<ReviewSummaryPage> {
    return this.inTenant(identity, async (manager) => {
      const times = await this.cycleTimes(manager, identity.tenantId, cycleId);
      const rows: ReviewListRow[] = await manager.query(
        `SELECT ${LIST_COLUMNS} FROM review_list l
         WHERE l.tenant_id = $1 AND l.cycle_id = $2 AND ($3::uuid IS NULL OR l.review_id > $3::uuid) AND ${where}
         ORDER BY l.review_id LIMIT $4`,
        [identity.tenantId, cycleId, decodeCursor(after), first + 1, ...params],
      );
      const items = rows.slice(0, first).map((row) => reviewSummaryOf(row, times, now));
      return { items, hasNextPage: rows.length > first, endCursor: items.length > 0 ? encodeCursor(items[items.length - 1].id) : null };
    });
  }

  /** The reviews of the caller's direct reports in a cycle. */
  teamReviews(identity: Identity, cycleId: string, first: number, after: string | undefined, now = new Date()): Promise<ReviewSummaryPage> {
    return this.page(identity, cycleId, `l.supervisor_id::text = $5`, [identity.actorId], first, after, now);
  }

  /** HR's list: by site (and every site below it), phase not yet completed, and status. */
  reviews(identity: Identity, filter: { cycleId: string; siteId?: string; openPhase?: Phase; status?: string }, first: number, after: string | undefined, now = new Date()): Promise<ReviewSummaryPage> {
    return this.page(
      identity,
      filter.cycleId,
      `($5::uuid IS NULL OR EXISTS (
          WITH RECURSIVE below(site_id) AS (SELECT $5::uuid UNION SELECT s.site_id FROM review_sites s JOIN below b ON s.parent_site_id = b.site_id WHERE s.tenant_id = $1)
          SELECT 1 FROM review_people p WHERE p.tenant_id = l.tenant_id AND p.person_id = l.person_id AND p.site_id IN (SELECT site_id FROM below)))
        AND ($6::text IS NULL OR NOT ($6::text = ANY(l.phases_completed)))
        AND ($7::text IS NULL OR l.status = $7::text)`,
      [filter.siteId ?? null, filter.openPhase ?? null, filter.status ?? null],
      first,
      after,
      now,
    );
  }

  /** What is wrong with a selection, before it is submitted: the rules the submission will check, every one. */
  async checkSelection(identity: Identity, reviewId: string, competencyIds: readonly string[]): Promise<SelectionViolation[]> {
    return this.inTenant(identity, async (manager) => {
      const [row]: ReviewListRow[] = await manager.query(`SELECT ${LIST_COLUMNS} FROM review_list l WHERE l.tenant_id = $1 AND l.review_id::text = $2`, [identity.tenantId, reviewId]);
      if (!row || (await this.accessTo(manager, identity, row)) === null) throw new NotFoundError('no such review');
      const stream = await this.store.readStream<ReviewEvent>(reviewStreamId(identity.tenantId, reviewId), identity.tenantId);
      const state = fold(reviewDecider, stream.events.map((e) => ({ type: e.type, data: e.data }) as ReviewEvent));
      const facts = await selectionFacts(manager, identity.tenantId, state);
      return evaluateSelection(facts.rules, facts.clusters, competencyIds, facts.person);
    });
  }

  /** A filed year-end summary: the latest filing unless one is named. */
  async yearEndSummary(identity: Identity, reviewId: string, filing: number | undefined): Promise<YearEndSummaryDocument> {
    return this.inTenant(identity, async (manager) => {
      const [row]: ReviewListRow[] = await manager.query(`SELECT ${LIST_COLUMNS} FROM review_list l WHERE l.tenant_id = $1 AND l.review_id::text = $2`, [identity.tenantId, reviewId]);
      if (!row || (await this.accessTo(manager, identity, row)) === null) throw new NotFoundError('no such review');
      const [doc]: Array<{ filing: number; pdf: Buffer; generated_at: Date }> = await manager.query(
        `SELECT filing, pdf, generated_at FROM review_documents WHERE tenant_id = $1 AND review_id = $2 AND ($3::int IS NULL OR filing = $3) ORDER BY filing DESC LIMIT 1`,
        [identity.tenantId, reviewId, filing ?? null],
      );
      if (!doc) throw new NotFoundError(filing === undefined ? 'the review has not been filed yet' : `no filing ${filing} of this review`);
      return { filing: doc.filing, filename: `year-end-summary-${reviewId}-${doc.filing}.pdf`, contentType: 'application/pdf', base64: doc.pdf.toString('base64'), generatedAt: doc.generated_at.toISOString() };
    });
  }
}
