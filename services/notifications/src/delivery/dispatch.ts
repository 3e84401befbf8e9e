import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { deliverEmailJob } from '../email/deliver-email/deliver-email.task';
import { addJobs } from '../jobs/job-queue';
import type { NotificationPreferencesState } from '../notification-preferences/domain/notification-preferences.model';
import { policyOf } from '../notification-policy/notification-policy.stream';
import type { Channel, NotificationData, NotificationKind, Recipient } from './notification';

const DEFAULT_LOCALE = 'en-US';

/** Something to tell someone. `subject` and `reminder` together name the occasion; each recipient hears of it once per channel. */
export interface Outgoing {
  readonly kind: NotificationKind;
  readonly subject: string;
  readonly reminder: string;
  readonly recipient: Recipient;
  readonly about: { readonly type: 'REVIEW' | 'GOAL' | 'CYCLE'; readonly id: string };
  readonly dueOn: string | null;
  readonly data: Omit<NotificationData, 'recipientName' | 'personName' | 'onBehalfOfName'>;
}

interface PersonRow {
  person_id: string;
  first_name: string;
  last_name: string;
  work_email: string | null;
  supervisor_id: string | null;
  employment_status: string;
}

interface SendRow {
  send_id: string;
  subject: string;
  reminder: string;
  channel: Channel;
  recipient: string;
  kind: NotificationKind;
  address: string | null;
  locale: string;
  data: NotificationData;
  status: 'SENT' | 'PENDING' | 'ROUTED' | 'SKIPPED';
  last_error: string | null;
  /** The inbox this send lands in, when it does: the recipient's, or a supervisor's for staff without email. */
  inbox: { recipient: string; onBehalfOf: string | null } | null;
  about: Outgoing['about'];
  due_on: string | null;
}

const keyOf = (recipient: Recipient): string => ('role' in recipient ? `role:${recipient.role}` : recipient.personId);
const nameOf = (p: PersonRow | undefined): string => (p ? `${p.first_name} ${p.last_name}` : '');

/**
 * Turns what should be told into sends, inbox messages and email jobs, all in the caller's transaction. Each send
 * row is unique per (subject, reminder, channel, recipient) and inserted before anything is sent: when the same
 * occasion comes again (a re-run job, a redelivered event), the insert finds its row and nothing more happens.
 * The tenant's policy decides which kinds go and over which channels; a person can only narrow that. Staff without
 * a work email get their email through their supervisor's inbox instead.
 */
export const dispatch = async (manager: EntityManager, tenantId: string, outgoing: readonly Outgoing[], now: Date): Promise<number> => {
  if (!outgoing.length) return 0;
  const policy = await policyOf(manager, tenantId);
  const personIds = [...new Set(outgoing.flatMap((o) => ['personId' in o.recipient ? o.recipient.personId : null, o.data.personId ?? null]).filter((id): id is string => id !== null))];
  const people: PersonRow[] = await manager.query(
    `SELECT p.person_id, p.first_name, p.last_name, p.work_email, p.supervisor_id, p.employment_status
     FROM notif_people p WHERE p.tenant_id = $1 AND p.person_id = ANY($2::uuid[])`,
    [tenantId, personIds],
  );
  const byId = new Map(people.map((p) => [p.person_id, p]));
  const preferences: Array<{ person_id: string; state: NotificationPreferencesState }> = await manager.query(
    `SELECT person_id, state FROM notification_preferences WHERE tenant_id = $1 AND person_id = ANY($2::uuid[])`,
    [tenantId, personIds],
  );
  const chosen = new Map(preferences.map((p) => [p.person_id, p.state.channels]));
  const [tenant]: Array<{ locale: string }> = await manager.query(`SELECT locale FROM notif_tenants WHERE tenant_id = $1`, [tenantId]);
  const locale = tenant?.locale ?? DEFAULT_LOCALE;

  const rows: SendRow[] = [];
  for (const o of outgoing) {
    const setting = policy.kinds[o.kind];
    if (!setting.enabled) continue;
    const person = 'personId' in o.recipient ? byId.get(o.recipient.personId) : undefined;
    if ('personId' in o.recipient && (!person || person.employment_status === 'LEFT')) continue;
    const own = person ? chosen.get(person.person_id)?.[o.kind] : undefined;
    const channels = setting.channels.filter((c) => own === undefined || own.includes(c));
    const recipient = keyOf(o.recipient);
    const data: NotificationData = { ...o.data, recipientName: person ? nameOf(person) : 'HR', personName: o.data.personId ? nameOf(byId.get(o.data.personId)) : undefined };
    const base = { subject: o.subject, reminder: o.reminder, recipient, kind: o.kind, locale, about: o.about, due_on: o.dueOn, last_error: null };
    for (const channel of channels) {
      const send_id = randomUUID();
      if (channel === 'INBOX') {
        rows.push({ ...base, send_id, channel, address: null, data, status: 'SENT', inbox: { recipient, onBehalfOf: null } });
        continue;
      }
      const address = person ? person.work_email : policy.hrMailbox;
      if (address) rows.push({ ...base, send_id, channel, address, data, status: 'PENDING', inbox: null });
      else if (person?.supervisor_id) {
        const routed = { ...data, recipientName: nameOf(byId.get(person.supervisor_id)) || data.recipientName, onBehalfOfName: nameOf(person) };
        rows.push({ ...base, send_id, channel, address: null, data: routed, status: 'ROUTED', inbox: { recipient: person.supervisor_id, onBehalfOf: person.person_id } });
      } else if (person) rows.push({ ...base, send_id, channel, address: null, data, status: 'SKIPPED', last_error: 'no work email and no supervisor to pass it on', inbox: null });
    }
  }
  if (!rows.length) return 0;

  const inserted: Array<{ send_id: string }> = await manager.query(
    `INSERT INTO notification_sends (tenant_id, send_id, subject, reminder, channel, recipient, kind, address, locale, data, status, attempts, last_error, created_at, updated_at)
     SELECT $1, r.send_id, r.subject, r.reminder, r.channel, r.recipient, r.kind, r.address, r.locale, r.data, r.status,
            CASE WHEN r.status = 'PENDING' THEN 0 ELSE 1 END, r.last_error, $3, $3
     FROM jsonb_to_recordset($2::jsonb) AS r(send_id uuid, subject text, reminder text, channel text, recipient text, kind text, address text, locale text, data jsonb, status text, last_error text)
     ON CONFLICT (tenant_id, subject, reminder, channel, recipient) DO NOTHING
     RETURNING send_id`,
    [tenantId, JSON.stringify(rows.map(({ inbox: _inbox, about: _about, due_on: _due, ...row }) => row)), now.toISOString()],
  );
  const fresh = new Set(inserted.map((r) => r.send_id));
  const sent = rows.filter((r) => fresh.has(r.send_id));
  // Delivered to the inbox in this transaction: the send is complete, and that is its one recorded attempt.
  const inboxed = sent.filter((r) => r.inbox !== null);
  if (inboxed.length) {
    await manager.query(
      `INSERT INTO inbox_messages (tenant_id, message_id, recipient, kind, subject_type, subject_id, on_behalf_of, due_on, data, created_at)
       SELECT $1, m.message_id, m.recipient, m.kind, m.subject_type, m.subject_id, m.on_behalf_of, m.due_on, m.data, $3
       FROM jsonb_to_recordset($2::jsonb) AS m(message_id uuid, recipient text, kind text, subject_type text, subject_id uuid, on_behalf_of uuid, due_on date, data jsonb)`,
      [
        tenantId,
        JSON.stringify(
          inboxed.map((r) => ({
            message_id: r.send_id,
            recipient: r.inbox?.recipient,
            kind: r.kind,
            subject_type: r.about.type,
            subject_id: r.about.id,
            on_behalf_of: r.inbox?.onBehalfOf,
            due_on: r.due_on,
            data: r.data,
          })),
        ),
        now.toISOString(),
      ],
    );
  }
  const recorded = sent.filter((r) => r.status !== 'PENDING');
  if (recorded.length) {
    await manager.query(
      `INSERT INTO notification_send_attempts (tenant_id, send_id, attempt, attempted_at, outcome, detail)
       SELECT $1, a.send_id, 1, $3, a.outcome, a.detail FROM jsonb_to_recordset($2::jsonb) AS a(send_id uuid, outcome text, detail text)`,
      [tenantId, JSON.stringify(recorded.map((r) => ({ send_id: r.send_id, outcome: r.status, detail: r.last_error ?? (r.status === 'ROUTED' ? `to the inbox of ${r.inbox?.recipient}` : null) }))), now.toISOString()],
    );
  }
  await addJobs(
    manager,
    sent.filter((r) => r.status === 'PENDING').map((r) => deliverEmailJob(tenantId, r.send_id)),
  );
  return sent.length;
};
