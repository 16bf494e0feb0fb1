package cn.govdata.catalog.entry;

import cn.govdata.catalog.entry.EntryContent.OpenType;
import cn.govdata.catalog.entry.EntryContent.ShareType;
import cn.govdata.domain.DomainModel;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The statutory rules on an entry's content, beyond field formats. Each broken rule names the
 * field a department has to fix, so a spreadsheet import can report it per row.
 */
@DomainModel
public final class EntryRules {

    public record Violation(String field, String message) {
    }

    private EntryRules() {
    }

    public static List<Violation> check(EntryContent c) {
        List<Violation> violations = new ArrayList<>();
        if (c.shareType() != ShareType.UNCONDITIONAL) {
            // NJ 21, NT 8, SY 23, QY 14: sharing is the rule; an exception states why and under which law.
            require(violations, c.shareReason(), "shareReason", "is required when the share type is " + c.shareType());
            require(violations, c.shareLegalBasis(), "shareLegalBasis", "is required when the share type is " + c.shareType());
        }
        if (c.shareType() == ShareType.CONDITIONAL) {
            require(violations, c.shareConditions(), "shareConditions", "is required for conditional sharing");
            require(violations, c.shareScope(), "shareScope", "is required for conditional sharing (NT 8: 标明共享范围)");
        }
        if (c.shareType() != ShareType.NOT_SHARED && c.shareMethods().isEmpty()) {
            violations.add(new Violation("shareMethods", "must name at least one of API, DATABASE_TABLE, FILE"));
        }
        if (c.basicKind() != null && c.shareType() != ShareType.UNCONDITIONAL) {
            violations.add(new Violation("shareType", "a basic resource (" + c.basicKind()
                    + ") must be shared unconditionally (SY 26, QZ 5.2)"));
        }
        if (c.basicKind() != null && c.category() != EntryContent.ResourceCategory.BASIC) {
            violations.add(new Violation("category", "must be BASIC for a basic resource kind"));
        }
        if (c.openType() != OpenType.UNCONDITIONAL) {
            require(violations, c.openLegalBasis(), "openLegalBasis", "is required when the open type is " + c.openType());
        }
        if (c.openType() == OpenType.CONDITIONAL) {
            require(violations, c.openConditions(), "openConditions", "is required for conditional opening");
        }
        if (c.openType() == OpenType.NOT_OPEN) {
            require(violations, c.openReason(), "openReason", "is required when the data is not opened");
        }
        if (c.obtainedBySharing() && c.openType() != OpenType.NOT_OPEN) {
            violations.add(new Violation("openType", "data the department only obtained through sharing cannot be opened by it (QY 37)"));
        }
        if (c.dataItems().isEmpty()) {
            violations.add(new Violation("dataItems", "must list at least one data item"));
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < c.dataItems().size(); i++) {
            if (!names.add(c.dataItems().get(i).name())) {
                violations.add(new Violation("dataItems[" + i + "].name", "duplicates another data item"));
            }
        }
        if (c.formats().isEmpty()) {
            violations.add(new Violation("formats", "must name at least one format"));
        }
        return violations;
    }

    private static void require(List<Violation> violations, String value, String field, String message) {
        if (value == null || value.isBlank()) {
            violations.add(new Violation(field, message));
        }
    }
}
