package cn.govdata.audit.flowback;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Region flowback (QY 29, QZ 1.5): which county regions get a {@code govdata.region.<code>.v1}
 * topic, which region code means "the whole city", and which topics a county is entitled to
 * receive city-wide events of.
 *
 * @param enabled        whether this instance republishes at all
 * @param regions        county region codes (six-digit administrative division codes)
 * @param cityRegion     the city's own code: events carrying it (or no region) are city-wide
 * @param cityWideTopics the topics whose city-wide events every county receives
 */
@ConfigurationProperties("govdata.flowback")
record FlowbackProperties(boolean enabled, List<String> regions, String cityRegion, Set<String> cityWideTopics) {

    private static final Pattern CODE = Pattern.compile("[0-9]{6}");

    FlowbackProperties {
        regions = regions == null ? List.of() : List.copyOf(regions);
        cityWideTopics = cityWideTopics == null ? Set.of() : Set.copyOf(cityWideTopics);
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
