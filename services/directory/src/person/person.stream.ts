import { streamId, type Aggregate, type EventEnvelope, type OutboxMessage } from '@growth/es';
import { Topics, integrationEventMapper, integrationMessage, type PersonStreamEvent } from '@growth/contracts';
import type { PersonCommand } from './domain/person.commands';
import { personDecider, type PersonState } from './domain/person.decider';
import type { PersonEvent } from './domain/person.events';

export const PERSON_CATEGORY = 'person';
export const personStreamId = (tenantId: string, personId: string): string => streamId(PERSON_CATEGORY, tenantId, personId);

type NewValues<C> = { [K in keyof C]: C[K] extends { readonly to: infer V } | undefined ? V : never };

/** Each changed field's new value. */
const newValuesOf = <C extends object>(changes: C): NewValues<C> =>
  Object.fromEntries(Object.entries(changes).map(([field, change]) => [field, (change as { to: unknown }).to])) as NewValues<C>;

/**
 * Every person event is public, and all but one as it is. A change of details keeps what each field was for the
 * directory's own audit trail; subscribers get only the new values, so a corrected name or address is not sent
 * around again with the value it corrects. This does not compile unless the events so produced are exactly the
 * contract's `PersonStreamEvent` (the error names each difference).
 */
const toPublicPersonEvent = integrationEventMapper<PersonEvent, PersonStreamEvent>()({
  PersonDetailsChanged: ({ personId, changes }) => ({ personId, changes: newValuesOf(changes) }),
});

export const publishPersonEvent = (envelope: EventEnvelope<PersonEvent>): OutboxMessage[] => {
  const payload = toPublicPersonEvent(envelope);
  return [integrationMessage(Topics.directoryPersonEvents.name, payload)];
};

/** A person as the unit of work runs it. */
export const personAggregate: Aggregate<PersonCommand, PersonState, PersonEvent> = {
  name: 'Person',
  decider: personDecider,
  streamId: personStreamId,
  publish: publishPersonEvent,
};
