import type { EntityManager } from 'typeorm';
import { streamId, type Aggregate } from '@growth/es';
import { latestStateProjection } from '@growth/es-postgres';
import type { EmailTemplatesCommand } from './domain/email-templates.commands';
import { emailTemplatesDecider } from './domain/email-templates.decider';
import type { EmailTemplatesEvent } from './domain/email-templates.events';
import { initialEmailTemplatesState, type EmailTemplatesState } from './domain/email-templates.model';

const CATEGORY = 'email-templates';

/** One stream per tenant: its templates change rarely and together. */
export const emailTemplatesStreamId = (tenantId: string): string => streamId(CATEGORY, tenantId, tenantId);

/** Templates stay inside the notifications service. */
export const emailTemplatesAggregate: Aggregate<EmailTemplatesCommand, EmailTemplatesState, EmailTemplatesEvent> = {
  name: 'Email templates',
  decider: emailTemplatesDecider,
  streamId: (tenantId) => emailTemplatesStreamId(tenantId),
};

/** `email_templates`, inline: the tenant's overrides as one row. */
export const emailTemplatesProjection = latestStateProjection<EmailTemplatesState, EmailTemplatesEvent>({
  name: 'notifications.email-templates',
  category: CATEGORY,
  decider: emailTemplatesDecider,
  async save(manager, tenantId, states) {
    for (const { state, version } of states) {
      await manager.query(
        `INSERT INTO email_templates (tenant_id, state, version) VALUES ($1, $2, $3)
         ON CONFLICT (tenant_id) DO UPDATE SET state = EXCLUDED.state, version = EXCLUDED.version`,
        [tenantId, JSON.stringify(state), version],
      );
    }
  },
});

/** The tenant's templates and their version (null before the first change), in the caller's tenant transaction. */
export const loadEmailTemplates = async (manager: EntityManager, tenantId: string): Promise<{ state: EmailTemplatesState; version: number | null }> => {
  const [row]: Array<{ state: EmailTemplatesState; version: number }> = await manager.query(`SELECT state, version FROM email_templates WHERE tenant_id = $1`, [tenantId]);
  return row ?? { state: initialEmailTemplatesState(), version: null };
};
