package cn.govdata.audit.flowback;

import cn.govdata.events.EventTypes;
import cn.govdata.events.OpenDataEventTypes;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Region flowback (QY 29, QZ 1.5): which county regions get a {@code govdata.region.<code>.v1}
 * topic, which region code means "the whole city", and which city-wide event types a county is
 * entitled to receive.
 *
 * @param enabled        whether this instance republishes at all
 * @param regions        county region codes (six-digit administrative division codes)
 * @param cityRegion     the city's own code: events carrying it (or no region) are city-wide
 * @param cityWideTypes  the CloudEvents types (or prefixes ending in '.') whose city-wide events every
 *                       county receives; by default the directory's publications, open datasets
 *                       and the working-day calendar
 */
@ConfigurationProperties("govdata.flowback")
record FlowbackProperties(boolean enabled, List<String> regions, String cityRegion, Set<String> cityWideTypes) {

    private static final Pattern CODE = Pattern.compile("[0-9]{6}");

    /**
     * Publications only: not a city department's registration (its data officer's contact details
     * are for the bureau and the department), drafts under review, duties, applications or licences.
     */
    static final Set<String> PUBLICATIONS = Set.of(EventTypes.CATALOG_ENTRY_PUBLISHED.type(),
            EventTypes.CATALOG_ENTRY_CHANGED.type(), EventTypes.CATALOG_ENTRY_WITHDRAWN.type(),
            OpenDataEventTypes.DATASET_VERSION_PUBLISHED.type(), "cn.govdata.calendar.");

    FlowbackProperties {
        regions = regions == null ? List.of() : List.copyOf(regions);
        cityWideTypes = cityWideTypes == null || cityWideTypes.isEmpty() ? PUBLICATIONS : Set.copyOf(cityWideTypes);
        cityRegion = cityRegion == null || cityRegion.isBlank() ? "320100" : cityRegion;
        for (String code : regions) {
            if (!CODE.matcher(code).matches()) {
                throw new IllegalArgumentException("govdata.flowback.regions: '" + code + "' is not a six-digit region code");
            }
        }
        if (regions.contains(cityRegion)) {
            throw new IllegalArgumentException("govdata.flowback.regions must list counties, not the city itself (" + cityRegion + ")");
        }
    }
}
