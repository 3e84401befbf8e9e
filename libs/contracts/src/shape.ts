/*
 * Type-level comparison of JSON-shaped types. A public event is defined once, in this package; a service's domain
 * events derive from it (`DomainEventOf`) and its `publish` goes through `toIntegrationEvent`, and the runtime
 * schemas (`framework-event-schemas.ts`) are checked against the same types. Any difference is a compile error that
 * names it, e.g. `FrameworkRetired.data.note is only in the domain event`.
 *
 * "Same shape" means the same keys, each optional on both sides or on neither, and the same types all the way down,
 * regardless of `readonly`: a readonly array or property is the same JSON as a mutable one. This is stricter than
 * assignability both ways, which lets an optional field exist on one side only.
 */
import type { IntegrationEvent } from './integration-event';

type IsAny<T> = 0 extends 1 & T ? true : false;
type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;
type IsUnion<T> = [T] extends [UnionToIntersection<T>] ? false : true;
/** A single object type (not an array, not a union) whose keys can be compared one by one. */
type IsRecord<T> = [T] extends [object] ? ([T] extends [readonly unknown[]] ? false : IsUnion<T> extends true ? false : true) : false;
type IsOptional<T, K extends keyof T> = Partial<Pick<T, K>> extends Pick<T, K> ? true : false;
type Defined<T, Optional> = Optional extends true ? Exclude<T, undefined> : T;
/** The keys of T, an index signature counting once (`{ [k: string]: V }` has `string | number` keys, `Record<string, V>` only `string`). */
type Keys<T> = string extends keyof T ? Exclude<keyof T, number> : keyof T;
type Name<K> = K extends string | number ? K : 'symbol';
type Identical<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

/** T with every array and property readonly, all the way down (distributes over unions). */
export type Normalized<T> = T extends readonly (infer E)[] ? readonly Normalized<E>[] : T extends object ? { readonly [K in keyof T]: Normalized<T[K]> } : T;

type ObjectDiff<A, B, P extends string, N extends readonly [string, string]> =
  | { [K in Exclude<Keys<A>, Keys<B>>]: `${P}.${Name<K>} is only in the ${N[0]}` }[Exclude<Keys<A>, Keys<B>>]
  | { [K in Exclude<Keys<B>, Keys<A>>]: `${P}.${Name<K>} is only in the ${N[1]}` }[Exclude<Keys<B>, Keys<A>>]
  | {
      [K in Keys<A> & Keys<B>]: IsOptional<A, K> extends IsOptional<B, K>
        ? ShapeDiff<Defined<A[K], IsOptional<A, K>>, Defined<B[K], IsOptional<B, K>>, `${P}.${Name<K>}`, N>
        : `${P}.${Name<K>} is optional in the ${IsOptional<A, K> extends true ? N[0] : N[1]} only`;
    }[Keys<A> & Keys<B>];

/**
 * Every difference between the shapes of A and B, as sentences naming the path from P (never when there is none).
 * Objects are compared key by key, arrays by element; anything else (primitives, literal and other unions) must be
 * identical once readonly-ness is ignored. N names the two sides in the sentences.
 */
export type ShapeDiff<A, B, P extends string = 'value', N extends readonly [string, string] = readonly ['first', 'second']> =
  IsAny<A> extends true
    ? IsAny<B> extends true
      ? never
      : `${P} is any in the ${N[0]} only`
    : IsAny<B> extends true
      ? `${P} is any in the ${N[1]} only`
      : [A, B] extends [readonly (infer EA)[], readonly (infer EB)[]]
        ? ShapeDiff<EA, EB, `${P}[]`, N>
        : [IsRecord<A>, IsRecord<B>] extends [true, true]
          ? ObjectDiff<A, B, P, N>
          : Identical<Normalized<A>, Normalized<B>> extends true
            ? never
            : `${P} has another type in the ${N[0]} than in the ${N[1]}`;

/** true when A and B are the same JSON shape (see ShapeDiff), else false. */
export type SameShape<A, B> = [ShapeDiff<A, B>] extends [never] ? true : false;

/**
 * Compiles only when Drift is never: `export type ModelMatchesContract = AssertNoDrift<ShapeDiff<Model, Contract>>`
 * fails with "Type '"value.note is only in the first"' does not satisfy the constraint 'never'".
 */
export type AssertNoDrift<Drift extends never> = Drift;

/** What an event needs to be compared with a contract: a literal type and its data. */
export interface EventShape {
  readonly type: string;
  readonly data: object;
}

type DataOf<E, T> = E extends { readonly type: T; readonly data: infer D } ? D : never;

/**
 * Every difference between two unions of events: a type on one side only, or the same type with data of another
 * shape. never when A and B are the same events.
 */
export type EventsDiff<A extends { readonly type: string }, B extends { readonly type: string }, N extends readonly [string, string] = readonly ['domain event', 'contract']> =
  | { [T in Exclude<A['type'], B['type']>]: `${T} is only in the ${N[0]}s` }[Exclude<A['type'], B['type']>]
  | { [T in Exclude<B['type'], A['type']>]: `${T} is only in the ${N[1]}s` }[Exclude<B['type'], A['type']>]
  | { [T in A['type'] & B['type']]: ShapeDiff<DataOf<A, T>, DataOf<B, T>, `${T}.data`, N> }[A['type'] & B['type']];

/**
 * `unknown` when there is no difference, otherwise an object type with a property `differences` and one property
 * named by each difference. Intersected with a parameter's type, a call compiles only without differences, and
 * the error lists them: `missing the following properties …: differences, "FrameworkRetired.data.note is only in
 * the domain event"`. (`differences` makes even a difference spelled as a pattern, like `x.${string}`, fail.)
 * D is deliberately unconstrained: proving that a generic ShapeDiff is a string took tsc about a minute.
 */
export type Differences<D> = [D] extends [never] ? unknown : { readonly [K in 'differences' | (D & string)]: true };

/** `unknown` when A and B are the same events (see EventsDiff), otherwise `Differences` naming what differs. */
export type WithoutDrift<A extends { readonly type: string }, B extends { readonly type: string }, N extends readonly [string, string] = readonly ['domain event', 'contract']> = Differences<
  EventsDiff<A, B, N>
>;

/**
 * The domain event of a public event: its type and data, as a decider produces it and the store keeps it (the shape
 * of `DomainEvent` in @growth/es, which this package does not depend on).
 */
export interface DomainEventOf<E extends IntegrationEvent> {
  readonly type: E['type'];
  readonly data: E['data'];
  readonly schemaVersion?: number;
}

/** The stored envelope an aggregate's `publish` receives (`EventEnvelope` of @growth/es): the integration event plus metadata. */
export type StoredEnvelopeOf<E extends EventShape> = Omit<IntegrationEvent, 'type' | 'data'> & {
  readonly type: E['type'];
  readonly data: E['data'];
  readonly metadata: Readonly<Record<string, unknown>>;
};

/**
 * The integration event of a stored event: the envelope without its metadata. `Domain` (the aggregate's event union)
 * must be exactly `Public` (the part of the contract the aggregate publishes): the same types, each with data of
 * the same shape; otherwise the call does not compile and the error names every difference.
 *
 * ```ts
 * const payload = toIntegrationEvent<FrameworkEvent, FrameworkStreamEvent>(envelope);
 * ```
 */
export const toIntegrationEvent = <Domain extends EventShape, Public extends IntegrationEvent>(envelope: StoredEnvelopeOf<Domain> & WithoutDrift<Domain, Public>): Public => {
  const { metadata: _metadata, ...event } = envelope as StoredEnvelopeOf<Domain>;
  return event as unknown as Public;
};

/** The events an aggregate publishes through `mapping`: mapped types with the data their mapping returns, the others as they are. */
type MappedEvents<Domain extends EventShape, M> = Domain extends EventShape
  ? Domain['type'] extends keyof M
    ? M[Domain['type']] extends (data: never) => infer R
      ? { readonly type: Domain['type']; readonly data: R }
      : never
    : Domain
  : never;

/** Per event type of Domain, optionally, the public data of a stored event's data. */
export type PublicDataMapping<Domain extends EventShape> = { readonly [T in Domain['type']]?: (data: DataOf<Domain, T>) => object };

/**
 * `toIntegrationEvent` for an aggregate some of whose events carry more than may travel: `mapping` gives, for each
 * such type, the public data of the stored data; every other event is published as it is. The function it returns
 * compiles at its call only when the events so produced are exactly `Public`, what a mapping returns included (a
 * field it keeps or adds by mistake is named, e.g. `PersonDetailsChanged.data.extra is only in the domain event`). The check sits on the call, not on `mapping`: TypeScript infers a mapping of inline functions only
 * when its parameter type is the bare type parameter.
 *
 * ```ts
 * const toPublic = integrationEventMapper<PersonEvent, PersonStreamEvent>()({ PersonDetailsChanged: (data) => ({ … }) });
 * const payload = toPublic(envelope);
 * ```
 */
export const integrationEventMapper =
  <Domain extends EventShape, Public extends IntegrationEvent>() =>
  <const M extends PublicDataMapping<Domain>>(mapping: M) =>
  (envelope: StoredEnvelopeOf<Domain> & WithoutDrift<MappedEvents<Domain, M>, Public>): Public => {
    const { metadata: _metadata, ...event } = envelope as StoredEnvelopeOf<Domain>;
    const map = (mapping as Readonly<Record<string, ((data: object) => object) | undefined>>)[envelope.type];
    return (map ? { ...event, data: map(envelope.data) } : event) as unknown as Public;
  };
