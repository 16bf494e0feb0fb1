package cn.govdata.catalog.duty;

/**
 * Why a department must bring its catalog up to date: a change in the law, its functions or an
 * information system (NJ 18, NT 11, QY 12: within 15 working days), the yearly full census (NT 11),
 * or the periodic re-evaluation of a published entry whose sharing or opening is restricted
 * (SY 31, SY 37; only where the profile's {@code restricted-data-reevaluation} rule is on).
 */
enum DutyTrigger {
    LAW_CHANGED, FUNCTION_CHANGED, SYSTEM_UPDATED, ANNUAL_CENSUS, RESTRICTED_REEVALUATION
}
