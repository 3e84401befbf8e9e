import type { JobSpec } from '../../jobs/job-queue';

export const DELIVER_WEBHOOK = 'deliver-webhook';

/** One attempt of a delivery: which sequence (1, then one more per replay) and which attempt within it. */
export interface DeliveryAttemptPayload {
  readonly tenantId: string;
  readonly deliveryId: string;
  readonly sequence: number;
  readonly attempt: number;
}

/** The webhook-id: the same for every attempt and replay of a delivery, so receivers can de-duplicate on it. */
export const webhookIdOf = (deliveryId: string): string => `msg_${deliveryId}`;

export const isDeliveryAttemptPayload = (value: unknown): value is DeliveryAttemptPayload => {
  const p = value as Partial<DeliveryAttemptPayload> | null;
  return !!p && typeof p.tenantId === 'string' && typeof p.deliveryId === 'string' && Number.isInteger(p.sequence) && Number.isInteger(p.attempt);
};

/**
 * The job of one attempt. Retries are scheduled by the task itself as new jobs (graphile's own backoff is not the
 * schedule). A job that throws (the database was unreachable) is retried with graphile's backoff and its default 25
 * attempts, about four days: re-runs are safe, since a job whose attempt is no longer due does nothing.
 */
export const deliveryJob = (payload: DeliveryAttemptPayload, runAt: Date): JobSpec => ({ task: DELIVER_WEBHOOK, payload: { ...payload }, runAt });
