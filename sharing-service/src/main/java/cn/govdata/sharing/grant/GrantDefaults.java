package cn.govdata.sharing.grant;

/**
 * The rate and quota a grant gets when its decision sets none ({@code govdata.sharing.grants.default-*}).
 * Issuing writes them into the grant; the exchange applies them to grants stored without their own
 * (written before grants carried limits), so both read this one setting.
 *
 * @param ratePerMinute calls per minute
 * @param dailyQuota    records per day (QZ 5.3: no crawlers)
 */
public record GrantDefaults(int ratePerMinute, int dailyQuota) {

    public GrantDefaults {
        if (ratePerMinute < 1 || dailyQuota < 1) {
            throw new IllegalArgumentException("a grant's default rate and quota must be at least 1, got "
                    + ratePerMinute + "/min and " + dailyQuota + "/day");
        }
    }

    /** A grant's calls per minute: its own, or the default when it carries none. */
    public int ratePerMinute(Grant grant) {
        return grant.ratePerMinute() > 0 ? grant.ratePerMinute() : ratePerMinute;
    }

    /** A grant's records per day: its own, or the default when it carries none. */
    public int dailyQuota(Grant grant) {
        return grant.dailyQuota() > 0 ? grant.dailyQuota() : dailyQuota;
    }
}
