import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { SubgraphModule, eventInfrastructureProviders, serviceInfoResolver } from '@growth/service-kit';
import type { ServiceInfrastructure } from '@growth/messaging';
import { NOTIFICATIONS_CONFIG, type NotificationsConfig } from './notifications.config';
import { InboxResolver } from './inbox/inbox.resolver';
import { SettingsResolver } from './settings/settings.resolver';
import { ApplyNotificationPolicyCommandHandler } from './notification-policy/apply-policy-command/apply-policy-command.handler';
import { ApplyNotificationPreferenceCommandHandler } from './notification-preferences/apply-preference-command/apply-preference-command.handler';
import { ApplyEmailTemplateCommandHandler } from './email/apply-email-template-command/apply-email-template-command.handler';
import { EmailTemplatesResolver } from './email/email-templates.resolver';
import { WebhookResolver } from './webhook/webhook.resolver';
import { ApplyWebhookEndpointCommandHandler } from './webhook/apply-endpoint-command/apply-endpoint-command.handler';

/** Resolvers and command handlers of each part of the service. */
const PROVIDERS: Provider[] = [
  InboxResolver,
  SettingsResolver,
  ApplyNotificationPolicyCommandHandler,
  ApplyNotificationPreferenceCommandHandler,
  EmailTemplatesResolver, ApplyEmailTemplateCommandHandler, WebhookResolver, ApplyWebhookEndpointCommandHandler];

@Module({})
export class NotificationsModule {
  static register(infrastructure: ServiceInfrastructure, config: NotificationsConfig): DynamicModule {
    return {
      module: NotificationsModule,
      imports: [CqrsModule.forRoot(), SubgraphModule.forRoot()],
      providers: [...eventInfrastructureProviders(infrastructure), { provide: NOTIFICATIONS_CONFIG, useValue: config }, serviceInfoResolver('notifications'), ...PROVIDERS],
    };
  }
}
