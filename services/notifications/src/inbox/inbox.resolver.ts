import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { DataSource } from 'typeorm';
import { NotFoundError, requireUuid } from '@growth/es';
import { withTenant } from '@growth/es-postgres';
import { authorize, CurrentIdentity, decodeTimeCursor, encodeTimeCursor, hasAnyRole, requirePageSize, type Identity } from '@growth/service-kit';
import { notificationsPolicy } from '../access/notifications.policy';
import type { NotificationData, NotificationKind } from '../delivery/notification';
import type { CycleDeadlines } from '../reminder/domain/reminder-schedule';
import { openActionsOf } from './domain/open-actions';
import { InboxMessageView, InboxPage, OpenActionView } from './inbox.graphql';

const MAX_PAGE = 100;

/** The inboxes a caller reads: their own, and HR's shared one when they are HR. */
const inboxesOf = (identity: Identity): string[] => [identity.actorId, ...(hasAnyRole(identity, 'hr') ? ['role:hr'] : [])];


interface MessageRow {
  message_id: string;
  kind: NotificationKind;
  subject_type: string;
  subject_id: string;
  on_behalf_of: string | null;
  due_on: string | null;
  data: NotificationData;
  created_at: Date;
  read_at: Date | null;
}

const viewOf = (r: MessageRow): InboxMessageView => ({
  id: r.message_id,
  kind: r.kind,
  subjectType: r.subject_type,
  subjectId: r.subject_id,
  person: r.data.personId ? { id: r.data.personId } : null,
  onBehalfOf: r.on_behalf_of ? { id: r.on_behalf_of } : null,
  phase: r.data.phase ?? null,
  dueOn: r.due_on,
  daysLeft: r.data.daysLeft ?? null,
  overdueCount: r.data.overdueCount ?? null,
  cycleName: r.data.cycleName ?? null,
  sentAt: r.created_at,
  readAt: r.read_at,
});

/** Each person's in-app inbox and open actions. Nobody reads another's inbox: the caller's verified id is the key. */
@Resolver()
export class InboxResolver {
  constructor(private readonly dataSource: DataSource) {}

  @Query(() => InboxPage, { description: 'Your messages, newest first, with cursor pagination.' })
  async myInbox(
    @CurrentIdentity() identity: Identity,
    @Args('first', { type: () => Int, defaultValue: 20 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
    @Args('unreadOnly', { defaultValue: false }) unreadOnly?: boolean,
  ): Promise<InboxPage> {
    authorize(notificationsPolicy, identity, 'read my inbox');
    requirePageSize(first, MAX_PAGE);
    const cursor = after ? decodeTimeCursor(after) : null;
    return withTenant(this.dataSource, identity.tenantId, async (m) => {
      const inboxes = inboxesOf(identity);
      const rows: MessageRow[] = await m.query(
        `SELECT message_id, kind, subject_type, subject_id, on_behalf_of, to_char(due_on, 'YYYY-MM-DD') AS due_on, data, created_at, read_at
         FROM inbox_messages
         WHERE tenant_id = $1 AND recipient = ANY($2::text[]) AND ($3::boolean IS NOT TRUE OR read_at IS NULL)
           AND ($4::timestamptz IS NULL OR (created_at, message_id) < ($4::timestamptz, $5::uuid))
         ORDER BY created_at DESC, message_id DESC LIMIT $6`,
        [identity.tenantId, inboxes, unreadOnly, cursor?.at ?? null, cursor?.id ?? null, first + 1],
      );
      const [{ unread }]: Array<{ unread: number }> = await m.query(
        `SELECT count(*)::int AS unread FROM inbox_messages WHERE tenant_id = $1 AND recipient = ANY($2::text[]) AND read_at IS NULL`,
        [identity.tenantId, inboxes],
      );
      const page = rows.slice(0, first);
      const last = page[page.length - 1];
      return { items: page.map(viewOf), hasNextPage: rows.length > first, endCursor: last ? encodeTimeCursor(last.created_at, last.message_id) : null, unread };
    });
  }

  @Mutation(() => InboxMessageView, { description: 'Marks one of your messages read (again is fine).' })
  async markInboxMessageRead(@CurrentIdentity() identity: Identity, @Args('id', { type: () => ID }) id: string): Promise<InboxMessageView> {
    authorize(notificationsPolicy, identity, 'read my inbox');
    requireUuid(id, 'id');
    return withTenant(this.dataSource, identity.tenantId, async (m) => {
      const [row]: MessageRow[] = await m.query(
        `WITH u AS (UPDATE inbox_messages SET read_at = COALESCE(read_at, $4) WHERE tenant_id = $1 AND message_id = $2 AND recipient = ANY($3::text[])
           RETURNING message_id, kind, subject_type, subject_id, on_behalf_of, to_char(due_on, 'YYYY-MM-DD') AS due_on, data, created_at, read_at)
         SELECT * FROM u`,
        [identity.tenantId, id, inboxesOf(identity), new Date()],
      );
      if (!row) throw new NotFoundError('no such message in your inbox');
      return viewOf(row);
    });
  }

  @Mutation(() => Int, { description: 'Marks all your messages read; returns how many were unread.' })
  async markAllInboxMessagesRead(@CurrentIdentity() identity: Identity): Promise<number> {
    authorize(notificationsPolicy, identity, 'read my inbox');
    return withTenant(this.dataSource, identity.tenantId, async (m) => {
      const [{ n }]: Array<{ n: number }> = await m.query(
        `WITH u AS (UPDATE inbox_messages SET read_at = $3 WHERE tenant_id = $1 AND recipient = ANY($2::text[]) AND read_at IS NULL RETURNING 1) SELECT count(*)::int AS n FROM u`,
        [identity.tenantId, inboxesOf(identity), new Date()],
      );
      return n;
    });
  }

  @Query(() => [OpenActionView], { description: 'What you must do now in the reviews and goals you take part in; overdue first.' })
  async myOpenActions(@CurrentIdentity() identity: Identity): Promise<OpenActionView[]> {
    authorize(notificationsPolicy, identity, 'read my inbox');
    return withTenant(this.dataSource, identity.tenantId, async (m) => {
      const reviews: Array<Record<string, unknown>> = await m.query(
        `SELECT r.review_id, r.person_id, r.supervisor_id, r.status, r.phases_completed, r.awaiting_signatures, r.self_assessment_submitted, r.overall_recorded,
                c.deadlines, c.time_zone
         FROM notif_reviews r JOIN notif_cycles c ON c.tenant_id = r.tenant_id AND c.cycle_id = r.cycle_id
         WHERE r.tenant_id = $1 AND r.status = 'OPEN' AND NOT c.closed AND (r.person_id::text = $2 OR r.supervisor_id::text = $2)`,
        [identity.tenantId, identity.actorId],
      );
      const goals: Array<{ goal_id: string; person_id: string; supervisor_id: string | null; awaiting: string[] }> = await m.query(
        `SELECT g.goal_id, g.person_id, p.supervisor_id, g.awaiting FROM notif_goals g JOIN notif_people p ON p.tenant_id = g.tenant_id AND p.person_id = g.person_id
         WHERE g.tenant_id = $1 AND cardinality(g.awaiting) > 0 AND (g.person_id::text = $2 OR p.supervisor_id::text = $2)`,
        [identity.tenantId, identity.actorId],
      );
      const actions = openActionsOf(
        identity.actorId,
        reviews.map((r) => ({
          reviewId: r.review_id as string,
          personId: r.person_id as string,
          supervisorId: r.supervisor_id as string | null,
          status: r.status as string,
          phasesCompleted: r.phases_completed as string[],
          awaitingSignatures: r.awaiting_signatures as string[],
          selfAssessmentSubmitted: r.self_assessment_submitted as boolean,
          overallRecorded: r.overall_recorded as boolean,
          deadlines: r.deadlines as CycleDeadlines,
          timeZone: r.time_zone as string,
        })),
        goals.map((g) => ({ goalId: g.goal_id, personId: g.person_id, supervisorId: g.supervisor_id, awaiting: g.awaiting })),
        new Date(),
      );
      return actions.map(({ personId, ...a }) => ({ ...a, person: { id: personId } }));
    });
  }
}
