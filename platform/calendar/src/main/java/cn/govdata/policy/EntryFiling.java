package cn.govdata.policy;

/** Which catalog entries are filed (备案) with the bureau together with their legal basis. */
public enum EntryFiling implements PolicyChoice {
    /** No filing; the legal basis is still required on the entry. */
    NONE("none", "无需备案"),
    /** Not-shared entries are filed (NT 8, QY 14). */
    NOT_SHARED("not-shared", "不予共享类备案"),
    /** Conditional and not-shared entries are filed (SY 23). */
    CONDITIONAL_AND_NOT_SHARED("conditional-and-not-shared", "有条件共享和不予共享类均备案");

    private final String key;
    private final String labelZh;

    EntryFiling(String key, String labelZh) {
        this.key = key;
        this.labelZh = labelZh;
    }

    @Override
    public String key() {
        return key;
    }

    @Override
    public String labelZh() {
        return labelZh;
    }
}
