package cn.govdata.opendata.catalog;

import cn.govdata.domain.DomainModel;
/** 无条件开放 / 有条件开放 / 不予开放 (NJ 24, SY 34, QY 33-35). */
@DomainModel
public enum OpenType {
    UNCONDITIONAL, CONDITIONAL, NOT_OPEN;

    /** Anything the catalog does not mark conditional or not-open is unconditional (QY 35). */
    static OpenType of(String raw) {
        if (raw == null || raw.isBlank()) {
            return UNCONDITIONAL;
        }
        return switch (raw.strip().toUpperCase()) {
            case "CONDITIONAL" -> CONDITIONAL;
            case "NOT_OPEN", "NOT-OPEN", "NONE" -> NOT_OPEN;
            default -> UNCONDITIONAL;
        };
    }
}
