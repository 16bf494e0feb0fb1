package cn.govdata.catalog.duty;

/**
 * What the provider's periodic evaluation of a restricted entry found (SY 31, SY 37): the
 * restriction still stands, with reasons, or the share or open type was changed by a new version
 * submitted for review.
 */
enum ReevaluationOutcome {
    KEEP_RESTRICTED, TYPE_CHANGED
}
