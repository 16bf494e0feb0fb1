package cn.govdata.policy;

/** Which catalog entries are filed (备案) with the bureau together with their legal basis. */
public enum EntryFiling implements PolicyChoice {
    /** No filing; the legal basis is still required on the entry. */
    NONE,
    /** Not-shared entries are filed (NT 8, QY 14). */
    NOT_SHARED,
    /** Conditional and not-shared entries are filed (SY 23). */
    CONDITIONAL_AND_NOT_SHARED;
}
