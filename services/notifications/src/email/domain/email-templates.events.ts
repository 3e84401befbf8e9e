import type { DomainEvent } from '@growth/es';
import type { NotificationKind } from '../../delivery/notification';

export type EmailTemplateSet = DomainEvent<'EmailTemplateSet', { kind: NotificationKind; locale: string; subject: string; text: string; html: string; setBy: string }>;
export type EmailTemplateReset = DomainEvent<'EmailTemplateReset', { kind: NotificationKind; locale: string; resetBy: string }>;

export type EmailTemplatesEvent = EmailTemplateSet | EmailTemplateReset;
