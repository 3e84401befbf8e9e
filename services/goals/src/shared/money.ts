/** Money in minor units (pence, cents), so sums over a training plan are exact. */
export interface Money {
  readonly amount: number;
  readonly currency: string;
}
