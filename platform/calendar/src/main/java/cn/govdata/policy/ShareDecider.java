package cn.govdata.policy;

/** Who decides a conditional share application, and who has the last word. */
public enum ShareDecider implements PolicyChoice {
    /** The providing department decides (NT 22, SY 25, QY 24). */
    PROVIDER,
    /** The provider (with the Big Data Center) gives an opinion; the bureau confirms it before it is returned (NJ 22). */
    PROVIDER_CONFIRMED_BY_BUREAU,
    /** The bureau reviews and decides after consulting (会商) the producing unit, whose opinion is recorded (QZ 2.2, 5.4). */
    BUREAU_AFTER_CONSULTING_PROVIDER;
}
