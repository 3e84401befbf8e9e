import type { Actor } from '@growth/es';
import type { EmailTemplate } from '../rendering/email-template';

/** Kind and locale come as the client wrote them: the decider checks and normalises them. */
export interface SetEmailTemplate {
  readonly type: 'SetEmailTemplate';
  readonly kind: string;
  readonly locale: string;
  readonly template: EmailTemplate;
  readonly actor: Actor;
}

export interface ResetEmailTemplate {
  readonly type: 'ResetEmailTemplate';
  readonly kind: string;
  readonly locale: string;
  readonly actor: Actor;
}

export type EmailTemplatesCommand = SetEmailTemplate | ResetEmailTemplate;
