import type { MissionOrder } from '../messages/mission.ts';
import { businessDate } from './calendar.ts';
import { invalid, type Violation } from './violation.ts';

/** What makes a won order acceptable as a new mission; every problem is reported at once. */
export function checkMissionOrder(order: MissionOrder, now: Date): Violation[] {
  const violations: Violation[] = [];
  const kinds = order.orderLines.map((line) => line.kind);
  const repeated = kinds.filter((kind, index) => kinds.indexOf(kind) !== index);
  if (repeated.length > 0) {
    violations.push(
      invalid(
        'ORDER_LINE_DUPLICATE_KIND',
        `The order has more than one line for "${repeated[0]}": give one line per session kind with its total quantity.`,
      ),
    );
  }
  const today = businessDate(now);
  if (order.endDate < today) {
    violations.push(
      invalid('END_DATE_IN_PAST', `The mission's end date ${order.endDate} is before today (${today}).`),
    );
  }
  return violations;
}
