package cn.govdata.audit.flowback;

import java.util.List;
import java.util.Set;

/**
 * Who gets an internal event back (the rule, written once):
 * <ul>
 *   <li>an event whose {@code ce_region} is a county's goes to that county's topic, whatever its
 *       topic: it is the county's own business (its departments' catalog entries, accesses,
 *       applications, cases, deadlines, scorecards);</li>
 *   <li>a city-wide event (the city's region code, or none) goes to every county only when its
 *       topic is one they are entitled to city-wide: the shared directory, open-data publications
 *       and the working-day calendar. City departments' exchange accesses, applications, objection
 *       cases, audit facts and deadlines stay internal;</li>
 *   <li>an event of another region (another county, a region not configured) goes nowhere.</li>
 * </ul>
 */
final class FlowbackRule {

    private final List<String> counties;
    private final String cityRegion;
    private final Set<String> cityWideTopics;

    FlowbackRule(FlowbackProperties properties) {
        this.counties = properties.regions();
        this.cityRegion = properties.cityRegion();
        this.cityWideTopics = properties.cityWideTopics();
    }

    /** The county region codes an event of {@code topic} carrying {@code region} flows back to. */
    List<String> destinations(String topic, String region) {
        if (region != null && counties.contains(region)) {
            return List.of(region);
        }
        boolean cityWide = region == null || region.isBlank() || region.equals(cityRegion);
        return cityWide && cityWideTopics.contains(topic) ? counties : List.of();
    }
}
