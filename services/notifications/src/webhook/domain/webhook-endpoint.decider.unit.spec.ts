import { AlreadyExistsError, DeciderSpecification, fold, ForbiddenError, InvalidStateError, NotFoundError, ValidationFailedError } from '@growth/es';
import type { RegisterWebhookEndpoint, WebhookEndpointCommand } from './webhook-endpoint.commands';
import { webhookEndpointDecider } from './webhook-endpoint.decider';
import type { WebhookEndpointEvent } from './webhook-endpoint.events';
import { signingSecretIds, type WebhookActor } from './webhook-endpoint.model';
import { isInternalAddressLiteral } from './target-address';

const spec = DeciderSpecification.for(webhookEndpointDecider);
const endpointId = 'ep-1';
const admin: WebhookActor = { kind: 'TENANT_ADMIN', personId: 'admin-1' };
const system: WebhookActor = { kind: 'SYSTEM' };
const register = (overrides: Partial<RegisterWebhookEndpoint> = {}): WebhookEndpointCommand => ({
  type: 'RegisterWebhookEndpoint',
  endpointId,
  actor: admin,
  url: 'https://hris.example.org/hooks',
  eventTypes: ['ReviewFiled', 'GoalClosed'],
  secretId: 's-1',
  allowPrivateTargets: false,
  ...overrides,
});
const registered: WebhookEndpointEvent = {
  type: 'WebhookEndpointRegistered',
  data: { endpointId, url: 'https://hris.example.org/hooks', eventTypes: ['ReviewFiled', 'GoalClosed'], secretId: 's-1', registeredBy: 'admin-1' },
};
const now = new Date('2026-11-02T10:00:00Z');
const rotated: WebhookEndpointEvent = {
  type: 'WebhookSecretRotated',
  data: { endpointId, secretId: 's-2', previousSecretId: 's-1', previousValidUntil: '2026-11-03T10:00:00.000Z', rotatedBy: 'admin-1' },
};
const disabled = (reason: 'BY_ADMIN' | 'GONE', by = 'admin-1'): WebhookEndpointEvent => ({ type: 'WebhookEndpointDisabled', data: { endpointId, reason, disabledBy: by } });

describe('webhook endpoint decider', () => {
  it('registers an https endpoint for public event types', () => {
    spec.given([]).when(register()).then([registered]);
    spec.given([registered]).when(register()).thenThrows(AlreadyExistsError);
  });

  it('reports every issue with the URL and the event types, and writes nothing', () => {
    const error = spec
      .given([])
      .when(register({ url: 'http://user:pw@hris.example.org', eventTypes: ['ReviewFiled', 'PersonJoined', 'ReviewFiled'] }))
      .thenThrows<ValidationFailedError>(ValidationFailedError);
    expect(error.issues).toEqual([
      { path: 'url', message: 'must be an https URL' },
      { path: 'url', message: 'must not carry credentials' },
      { path: 'eventTypes.1', message: '"PersonJoined" is not a public review, cycle or goal event type' },
      { path: 'eventTypes.2', message: '"ReviewFiled" is listed twice' },
    ]);
    spec.given([]).when(register({ url: 'not a url', eventTypes: [] })).thenThrows(ValidationFailedError, (e) => e.message === 'url: must be an absolute URL; eventTypes: choose at least one event type');
  });

  it('refuses internal address literals unless the deployment allows private targets', () => {
    for (const url of ['https://127.0.0.1/h', 'https://10.1.2.3/h', 'https://169.254.169.254/latest', 'https://[::1]:8443/h', 'https://[::ffff:127.0.0.1]/h', 'https://[fd00::1]/h']) {
      spec.given([]).when(register({ url })).thenThrows(ValidationFailedError, (e) => e.message.includes('loopback, private or link-local'));
    }
    spec.given([]).when(register({ url: 'http://127.0.0.1:8080/h', allowPrivateTargets: true })).then([{ ...registered, data: { ...registered.data, url: 'http://127.0.0.1:8080/h' } }]);
  });

  it('rotates the secret, the previous one signing for a grace period', () => {
    spec.given([registered]).when({ type: 'RotateWebhookSecret', endpointId, actor: admin, secretId: 's-2', now }).then([rotated]);
    const state = fold(webhookEndpointDecider, [registered, rotated]);
    expect(signingSecretIds(state, now)).toEqual(['s-2', 's-1']);
    expect(signingSecretIds(state, new Date('2026-11-03T10:00:00Z'))).toEqual(['s-2']);
  });

  it('refuses a second rotation during the grace period, which would cut it short, and allows it after', () => {
    const rotate = (at: string): WebhookEndpointCommand => ({ type: 'RotateWebhookSecret', endpointId, actor: admin, secretId: 's-3', now: new Date(at) });
    spec.given([registered, rotated]).when(rotate('2026-11-03T09:59:59Z')).thenThrows(InvalidStateError, (e) => e.message.includes('before 2026-11-03T10:00:00.000Z'));
    spec.given([registered, rotated]).when(rotate('2026-11-03T10:00:00Z')).then([
      { type: 'WebhookSecretRotated', data: { endpointId, secretId: 's-3', previousSecretId: 's-2', previousValidUntil: '2026-11-04T10:00:00.000Z', rotatedBy: 'admin-1' } },
    ]);
  });

  it('changes event types, and not when they are the same', () => {
    spec.given([registered]).when({ type: 'ChangeWebhookEventTypes', endpointId, actor: admin, eventTypes: ['CycleClosed'] }).then([
      { type: 'WebhookEventTypesChanged', data: { endpointId, eventTypes: ['CycleClosed'], changedBy: 'admin-1' } },
    ]);
    spec.given([registered]).when({ type: 'ChangeWebhookEventTypes', endpointId, actor: admin, eventTypes: ['GoalClosed', 'ReviewFiled'] }).thenNothingHappens();
    spec.given([registered]).when({ type: 'ChangeWebhookEventTypes', endpointId, actor: admin, eventTypes: [] }).thenThrows(ValidationFailedError);
  });

  it('is disabled by an admin or by a 410 from the receiver, once, and enabled again', () => {
    spec.given([registered]).when({ type: 'DisableWebhookEndpoint', endpointId, actor: admin, reason: 'BY_ADMIN' }).then([disabled('BY_ADMIN')]);
    spec.given([registered]).when({ type: 'DisableWebhookEndpoint', endpointId, actor: system, reason: 'GONE' }).then([disabled('GONE', 'system')]);
    spec.given([registered, disabled('GONE', 'system')]).when({ type: 'DisableWebhookEndpoint', endpointId, actor: system, reason: 'GONE' }).thenNothingHappens();
    spec.given([registered, disabled('GONE', 'system')]).when({ type: 'EnableWebhookEndpoint', endpointId, actor: admin }).then([{ type: 'WebhookEndpointEnabled', data: { endpointId, enabledBy: 'admin-1' } }]);
    spec.given([registered]).when({ type: 'EnableWebhookEndpoint', endpointId, actor: admin }).thenNothingHappens();
    expect(fold(webhookEndpointDecider, [registered, disabled('GONE', 'system')])).toMatchObject({ status: 'DISABLED', disabledReason: 'GONE' });
  });

  it('is managed by tenant admins only; the service itself may only disable on 410', () => {
    spec.given([]).when(register({ actor: system })).thenThrows(ForbiddenError);
    spec.given([registered]).when({ type: 'DisableWebhookEndpoint', endpointId, actor: system, reason: 'BY_ADMIN' }).thenThrows(ForbiddenError);
    spec.given([registered]).when({ type: 'RotateWebhookSecret', endpointId, actor: system, secretId: 's-2', now }).thenThrows(ForbiddenError);
    spec.given([]).when({ type: 'EnableWebhookEndpoint', endpointId, actor: admin }).thenThrows(NotFoundError);
  });
});

describe('internal address literals', () => {
  it('recognises loopback, private, link-local, mapped and IPv4-compatible addresses, and lets public ones and names through', () => {
    for (const host of ['127.0.0.1', '10.0.0.1', '172.16.5.4', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '[::1]', '[::]', '[fe80::1]', '[fc00::2]', '[::ffff:7f00:1]', '[::ffff:10.0.0.1]', '[::7f00:1]', '[::10.0.0.1]', '[::8.8.8.8]']) {
      expect([host, isInternalAddressLiteral(host)]).toEqual([host, true]);
    }
    for (const host of ['8.8.8.8', '172.32.0.1', '[2001:db8::1]', '[::ffff:8.8.8.8]', 'localhost', 'hris.example.org']) {
      expect([host, isInternalAddressLiteral(host)]).toEqual([host, false]);
    }
  });
});
