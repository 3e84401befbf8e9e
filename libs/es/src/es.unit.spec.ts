import { DeciderSpecification, InvalidStateError, assertNever, fold, matchesExpectedVersion, parseStreamId, streamId, upcast, newId, isUuid, type Decider, type EventEnvelope } from './index';

type CounterEvent = { type: 'Incremented'; data: { by: number } } | { type: 'Closed'; data: Record<string, never> };
type CounterCommand = { type: 'Increment'; by: number } | { type: 'Close' };
type CounterState = { total: number; closed: boolean };

const counter: Decider<CounterCommand, CounterState, CounterEvent> = {
  initialState: () => ({ total: 0, closed: false }),
  decide(command, state) {
    if (state.closed) throw new InvalidStateError('closed');
    switch (command.type) {
      case 'Increment':
        return [{ type: 'Incremented', data: { by: command.by } }];
      case 'Close':
        return [{ type: 'Closed', data: {} }];
      default:
        return assertNever(command);
    }
  },
  evolve(state, event) {
    switch (event.type) {
      case 'Incremented':
        return { ...state, total: state.total + event.data.by };
      case 'Closed':
        return { ...state, closed: true };
      default:
        return assertNever(event);
    }
  },
};

describe('DeciderSpecification', () => {
  const spec = DeciderSpecification.for(counter);

  it('passes when the decided events match', () => {
    spec.given([]).when({ type: 'Increment', by: 2 }).then([{ type: 'Incremented', data: { by: 2 } }]);
  });

  it('fails when the decided events differ', () => {
    expect(() => spec.given([]).when({ type: 'Increment', by: 2 }).then([{ type: 'Incremented', data: { by: 3 } }])).toThrow();
  });

  it('checks thrown errors by class and predicate', () => {
    const closed: CounterEvent = { type: 'Closed', data: {} };
    const error = spec.given([closed]).when({ type: 'Increment', by: 1 }).thenThrows(InvalidStateError);
    expect(error.message).toBe('closed');
    expect(() => spec.given([]).when({ type: 'Increment', by: 1 }).thenThrows(InvalidStateError)).toThrow(/accepted/);
    expect(() => spec.given([closed]).when({ type: 'Close' }).thenThrows(InvalidStateError, () => false)).toThrow(/did not match/);
  });

  it('folds events into state', () => {
    expect(fold(counter, [{ type: 'Incremented', data: { by: 2 } }, { type: 'Incremented', data: { by: 5 } }]).total).toBe(7);
  });
});

describe('stream ids', () => {
  it('round-trips category, tenant and aggregate id', () => {
    const id = streamId('framework', 'lausd', 'abc:def');
    expect(id).toBe('framework-lausd:abc:def');
    expect(parseStreamId(id, 'framework')).toEqual({ tenantId: 'lausd', aggregateId: 'abc:def' });
  });

  it('rejects tenant ids that would make the id ambiguous', () => {
    expect(() => streamId('framework', 'a:b', 'x')).toThrow(/tenant/);
    expect(() => streamId('Framework', 'a', 'x')).toThrow(/category/);
    expect(() => parseStreamId('review-a:x', 'framework')).toThrow();
  });
});

describe('expected versions', () => {
  it.each([
    ['no_stream', -1, true],
    ['no_stream', 0, false],
    ['stream_exists', -1, false],
    ['stream_exists', 3, true],
    [2, 2, true],
    [2, 3, false],
  ] as const)('%s against current %s is %s', (expected, current, ok) => {
    expect(matchesExpectedVersion(expected, current)).toBe(ok);
  });
});

describe('upcasting', () => {
  const envelope = (schemaVersion: number, data: object): EventEnvelope =>
    ({ eventId: 'e', type: 'FrameworkDraftCreated', schemaVersion, streamId: 's', streamVersion: 0, tenantId: 't', occurredAt: '', correlationId: 'c', causationId: 'c', actorId: 'a', data, metadata: {} }) as EventEnvelope;

  it('applies each step from the stored version to the newest', () => {
    const upcasters = {
      FrameworkDraftCreated: {
        1: (d: Record<string, unknown>) => ({ ...d, purpose: '' }),
        2: (d: Record<string, unknown>) => ({ ...d, kind: 'COMPETENCY_FRAMEWORK' }),
      },
    };
    const lifted = upcast(envelope(1, { name: 'x' }), upcasters);
    expect(lifted.schemaVersion).toBe(3);
    expect(lifted.data).toEqual({ name: 'x', purpose: '', kind: 'COMPETENCY_FRAMEWORK' });
    expect(upcast(envelope(3, { name: 'x' }), upcasters).data).toEqual({ name: 'x' });
  });
});

describe('ids', () => {
  it('are time-ordered uuids', () => {
    const a = newId();
    const b = newId();
    expect(isUuid(a)).toBe(true);
    expect(a < b).toBe(true);
  });
});
