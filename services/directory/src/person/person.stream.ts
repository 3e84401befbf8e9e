import { streamId, type Aggregate } from '@growth/es';
import type { PersonCommand } from './domain/person.commands';
import { personDecider, type PersonState } from './domain/person.decider';
import type { PersonEvent } from './domain/person.events';

export const PERSON_CATEGORY = 'person';
export const personStreamId = (tenantId: string, personId: string): string => streamId(PERSON_CATEGORY, tenantId, personId);

/** A person as the unit of work runs it; the directory's events stay private. */
export const personAggregate: Aggregate<PersonCommand, PersonState, PersonEvent> = { name: 'Person', decider: personDecider, streamId: personStreamId };
