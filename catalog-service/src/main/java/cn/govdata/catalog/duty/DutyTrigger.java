package cn.govdata.catalog.duty;

/**
 * Why a department must bring its catalog up to date: a change in the law, its functions or an
 * information system (NJ 18, NT 11, QY 12: within 15 working days), or the yearly full census (NT 11).
 */
enum DutyTrigger {
    LAW_CHANGED, FUNCTION_CHANGED, SYSTEM_UPDATED, ANNUAL_CENSUS
}
