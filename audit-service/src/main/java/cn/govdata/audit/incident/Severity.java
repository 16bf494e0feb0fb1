package cn.govdata.audit.incident;

import cn.govdata.domain.DomainModel;

/**
 * The four grades of the national emergency scheme for network and data security incidents
 * (一般、较大、重大、特别重大); the register accepts nothing else, so counts by severity add up.
 */
@DomainModel
public enum Severity {
    GENERAL("一般"),
    SERIOUS("较大"),
    MAJOR("重大"),
    ESPECIALLY_MAJOR("特别重大");

    private final String label;

    Severity(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
