package cn.govdata.audit.flowback;

import cn.govdata.domain.DomainModel;

import java.util.List;
import java.util.Set;

/**
 * Who gets an internal event back (the rule, written once):
 * <ul>
 *   <li>an event whose {@code ce_region} is a county's goes to that county's topic, whatever its
 *       topic: it is the county's own business (its departments' catalog entries, accesses,
 *       applications, cases, deadlines, scorecards);</li>
 *   <li>a city-wide event (the city's region code, or none) goes to every county only when it is a
 *       publication they are entitled to city-wide: directory entries published, changed or
 *       withdrawn, open dataset versions, the working-day calendar. City departments'
 *       registrations (data officers' contacts), drafts, exchange accesses, applications, objection
 *       cases, audit facts and deadlines stay internal;</li>
 *   <li>an event of another region (another county, a region not configured) goes nowhere.</li>
 * </ul>
 */
@DomainModel
final class FlowbackRule {

    private final List<String> counties;
    private final String cityRegion;
    private final Set<String> cityWideTypes;

    FlowbackRule(FlowbackProperties properties) {
        this.counties = properties.regions();
        this.cityRegion = properties.cityRegion();
        this.cityWideTypes = properties.cityWideTypes();
    }

    /** The county region codes an event of CloudEvents {@code type} carrying {@code region} flows back to. */
    List<String> destinations(String type, String region) {
        if (region != null && counties.contains(region)) {
            return List.of(region);
        }
        boolean cityWide = region == null || region.isBlank() || region.equals(cityRegion);
        return cityWide && publication(type) ? counties : List.of();
    }

    private boolean publication(String type) {
        return type != null && cityWideTypes.stream()
                .anyMatch(t -> t.endsWith(".") ? type.startsWith(t) : type.equals(t));
    }
}
