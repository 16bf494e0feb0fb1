package cn.govdata.policy;

/** Where a jurisdiction rule's value comes from. */
public enum Source {
    /** Stated in the city's regulation; the rule carries the article citation. */
    REGULATION,
    /** The regulation is silent (or says only 及时, "promptly"); the platform needs a number to run workflows. */
    PLATFORM_DEFAULT,
    /** Set by a deployment, replacing the regulation's value or the platform default. */
    OVERRIDE
}
