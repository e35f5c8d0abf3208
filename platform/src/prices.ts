/**
 * A show's prices are per seat category and, on a trip, per leg: a seat
 * from stop `from` to stop `to` costs the leg price times `to - from`
 * (a screening is the single leg [0, 1)). The one place that rule lives.
 */
export function priceForLegs(amountPerLeg: number, legs: { from: number; to: number }): number {
  return amountPerLeg * (legs.to - legs.from);
}
