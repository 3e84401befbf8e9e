import type { EmailTemplateOverride } from '../rendering/email-template';

/** A tenant's own email templates, one per kind and locale; whatever is not here uses the shipped ones. */
export interface EmailTemplatesState {
  readonly overrides: readonly (EmailTemplateOverride & { readonly setBy: string })[];
}

export const initialEmailTemplatesState = (): EmailTemplatesState => ({ overrides: [] });
