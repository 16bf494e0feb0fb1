package cn.govdata.catalog.search;

import cn.govdata.policy.PolicyChoice;
import cn.govdata.policy.PriorityDomain;
import cn.govdata.catalog.entry.EntryContent;
import cn.govdata.catalog.entry.EntryStatus;

import java.util.Arrays;
import java.util.List;

/**
 * The attributes a search filters and counts by. The parameter name is also the facet's name in
 * the response. Enumerated dimensions accept only their constants; the others take codes or the
 * free text a department entered (topic, industry), matched exactly.
 */
enum Dimension {
    DEPARTMENT("department", null),
    TOPIC("topic", null),
    INDUSTRY("industry", null),
    REGION("region", null),
    SHARE_TYPE("shareType", EntryContent.ShareType.class),
    OPEN_TYPE("openType", EntryContent.OpenType.class),
    SHARE_METHOD("shareMethod", EntryContent.ShareMethod.class),
    FORMAT("format", EntryContent.DataFormat.class),
    UPDATE_FREQUENCY("updateFrequency", EntryContent.UpdateFrequency.class),
    STATUS("status", EntryStatus.class),
    /** Priority open domains (SY 36, QY 31), filtered and counted by their keys, e.g. {@code social-security}. */
    PRIORITY_DOMAIN("priorityDomain", PriorityDomain.class);

    static final List<Dimension> ALL = List.of(values());

    final String parameter;
    final Class<? extends Enum<?>> constants;

    Dimension(String parameter, Class<? extends Enum<?>> constants) {
        this.parameter = parameter;
        this.constants = constants;
    }

    /** Several values per entry (an entry offers several share methods and formats); stored as a bit set. */
    boolean multiValued() {
        return this == SHARE_METHOD || this == FORMAT || this == PRIORITY_DOMAIN;
    }

    boolean enumerated() {
        return constants != null;
    }

    List<String> constantNames() {
        // A controlled list of the policy module is written by its keys, as /policy shows them.
        return constants == null ? List.of() : Arrays.stream(constants.getEnumConstants())
                .map(c -> c instanceof PolicyChoice choice ? choice.key() : c.name()).toList();
    }
}
