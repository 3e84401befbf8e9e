import { AlreadyExistsError, assertNever, ForbiddenError, InvalidStateError, NotFoundError, ValidationFailedError, type Decider, type ValidationIssue } from '@growth/es';
import type { RegisterWebhookEndpoint, WebhookEndpointCommand } from './webhook-endpoint.commands';
import type { WebhookEndpointEvent } from './webhook-endpoint.events';
import { initialWebhookEndpointState, SECRET_GRACE_PERIOD_MS, WEBHOOK_EVENT_TYPES, type WebhookActor, type WebhookEndpointState } from './webhook-endpoint.model';
import { isInternalAddressLiteral } from './target-address';

const LONGEST_URL = 2048;

const refuse = (issues: readonly ValidationIssue[]): void => {
  if (issues.length > 0) throw new ValidationFailedError(issues);
};

const actorId = (actor: WebhookActor): string => (actor.kind === 'SYSTEM' ? 'system' : actor.personId);

const assertAdmin = (actor: WebhookActor, does: string): void => {
  if (actor.kind !== 'TENANT_ADMIN') throw new ForbiddenError(`Only a tenant admin may ${does}`);
};

/** https only, no credentials in the URL, and no internal address literal unless the deployment allows private targets. */
export const urlIssues = (url: string, allowPrivateTargets: boolean): ValidationIssue[] => {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return [{ path: 'url', message: 'must be an absolute URL' }];
  }
  const issues: ValidationIssue[] = [];
  if (url.length > LONGEST_URL) issues.push({ path: 'url', message: `must be at most ${LONGEST_URL} characters` });
  const schemes = allowPrivateTargets ? ['https:', 'http:'] : ['https:'];
  if (!schemes.includes(parsed.protocol)) issues.push({ path: 'url', message: allowPrivateTargets ? 'must be an http or https URL' : 'must be an https URL' });
  if (parsed.username || parsed.password) issues.push({ path: 'url', message: 'must not carry credentials' });
  if (!allowPrivateTargets && isInternalAddressLiteral(parsed.hostname)) issues.push({ path: 'url', message: 'must not point at a loopback, private or link-local address' });
  return issues;
};

export const eventTypeIssues = (eventTypes: readonly string[]): ValidationIssue[] => {
  if (eventTypes.length === 0) return [{ path: 'eventTypes', message: 'choose at least one event type' }];
  const issues: ValidationIssue[] = [];
  eventTypes.forEach((type, i) => {
    if (!WEBHOOK_EVENT_TYPES.includes(type)) issues.push({ path: `eventTypes.${i}`, message: `"${type}" is not a public review, cycle or goal event type` });
    else if (eventTypes.indexOf(type) !== i) issues.push({ path: `eventTypes.${i}`, message: `"${type}" is listed twice` });
  });
  return issues;
};

const sameTypes = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((t) => b.includes(t));

const register = (command: RegisterWebhookEndpoint, state: WebhookEndpointState): WebhookEndpointEvent[] => {
  assertAdmin(command.actor, 'register a webhook endpoint');
  if (state.status !== 'NONE') throw new AlreadyExistsError('this webhook endpoint already exists');
  refuse([...urlIssues(command.url, command.allowPrivateTargets), ...eventTypeIssues(command.eventTypes)]);
  const { endpointId, url, eventTypes, secretId } = command;
  return [{ type: 'WebhookEndpointRegistered', data: { endpointId, url, eventTypes: [...eventTypes], secretId, registeredBy: actorId(command.actor) } }];
};

const decide = (command: WebhookEndpointCommand, state: WebhookEndpointState): WebhookEndpointEvent[] => {
  if (command.type === 'RegisterWebhookEndpoint') return register(command, state);
  if (command.type !== 'DisableWebhookEndpoint' || command.reason !== 'GONE') assertAdmin(command.actor, 'manage webhook endpoints');
  if (state.status === 'NONE') throw new NotFoundError('no such webhook endpoint');
  const { endpointId } = state;
  const by = actorId(command.actor);
  switch (command.type) {
    case 'RotateWebhookSecret': {
      // A second rotation would drop the secret still in its grace period, before receivers had the 24 h promised.
      const previous = state.previousSecret;
      if (previous && Date.parse(previous.validUntil) > command.now.getTime()) {
        throw new InvalidStateError(`Cannot rotate the secret again before ${previous.validUntil}: the secret before the last rotation still signs deliveries until then`);
      }
      const previousValidUntil = new Date(command.now.getTime() + SECRET_GRACE_PERIOD_MS).toISOString();
      return [{ type: 'WebhookSecretRotated', data: { endpointId, secretId: command.secretId, previousSecretId: state.secretId, previousValidUntil, rotatedBy: by } }];
    }
    case 'ChangeWebhookEventTypes':
      refuse(eventTypeIssues(command.eventTypes));
      if (sameTypes(command.eventTypes, state.eventTypes)) return [];
      return [{ type: 'WebhookEventTypesChanged', data: { endpointId, eventTypes: [...command.eventTypes], changedBy: by } }];
    case 'DisableWebhookEndpoint':
      if (state.status === 'DISABLED') return [];
      return [{ type: 'WebhookEndpointDisabled', data: { endpointId, reason: command.reason, disabledBy: by } }];
    case 'EnableWebhookEndpoint':
      if (state.status === 'ENABLED') return [];
      return [{ type: 'WebhookEndpointEnabled', data: { endpointId, enabledBy: by } }];
    default:
      return assertNever(command, 'webhook endpoint command');
  }
};

const evolve = (state: WebhookEndpointState, event: WebhookEndpointEvent): WebhookEndpointState => {
  switch (event.type) {
    case 'WebhookEndpointRegistered': {
      const { endpointId, url, eventTypes, secretId } = event.data;
      return { ...initialWebhookEndpointState(), status: 'ENABLED', endpointId, url, eventTypes, secretId };
    }
    case 'WebhookSecretRotated':
      return { ...state, secretId: event.data.secretId, previousSecret: { secretId: event.data.previousSecretId, validUntil: event.data.previousValidUntil } };
    case 'WebhookEventTypesChanged':
      return { ...state, eventTypes: event.data.eventTypes };
    case 'WebhookEndpointDisabled':
      return { ...state, status: 'DISABLED', disabledReason: event.data.reason };
    case 'WebhookEndpointEnabled':
      return { ...state, status: 'ENABLED', disabledReason: null };
    default:
      return assertNever(event, 'webhook endpoint event');
  }
};

export const webhookEndpointDecider: Decider<WebhookEndpointCommand, WebhookEndpointState, WebhookEndpointEvent> = { initialState: initialWebhookEndpointState, decide, evolve };
