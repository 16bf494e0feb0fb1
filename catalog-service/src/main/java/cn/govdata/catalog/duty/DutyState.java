package cn.govdata.catalog.duty;

/**
 * <pre>
 * OPEN ──every listed entry changed / census confirmed──▶ FULFILLED (onTime = done before dueAt)
 *   │
 *   └──deadline fired, not fulfilled──▶ OVERDUE ──fulfilled late──▶ FULFILLED (onTime = false)
 * </pre>
 * FULFILLED is final. An OVERDUE duty stays countable as missed (catalog_duties_overdue) even
 * once it is fulfilled.
 */
enum DutyState {
    OPEN, FULFILLED, OVERDUE
}
