package cn.govdata.catalog.entry;

import cn.govdata.domain.DomainModel;

import java.util.List;

/**
 * Every element of a catalog entry that the regulations name (NT 7, QY 11, the national
 * 编制指南): what the resource is, who is responsible for it, how it may be shared and opened.
 * Immutable: an edit produces a new content, so versions can be compared field by field.
 * {@code priorityDomains} are keys of the controlled list {@link cn.govdata.policy.PriorityDomain}
 * (重点和优先开放领域, SY 36, QY 31), checked where requests come in.
 */
@DomainModel
public record EntryContent(
        String name,
        String summary,
        ResourceCategory category,
        String classCode,
        String itemCode,
        BasicResourceKind basicKind,
        String providerDepartment,
        String sourceSystem,
        String collectingDepartment,
        String approvingDepartment,
        String providingDepartment,
        List<DataFormat> formats,
        DataForm form,
        List<DataItem> dataItems,
        Dictionary dictionary,
        ShareType shareType,
        String shareConditions,
        String shareScope,
        String shareReason,
        String shareLegalBasis,
        List<ShareMethod> shareMethods,
        OpenType openType,
        String openConditions,
        String openReason,
        String openLegalBasis,
        boolean obtainedBySharing,
        UpdateFrequency updateFrequency,
        String topic,
        String industry,
        String region,
        DataGrade grade,
        List<String> priorityDomains) {

    /**
     * Without priority domains: entries catalogued before SY 36 / QY 31 tagging, and callers that
     * do not tag.
     */
    public EntryContent(String name, String summary, ResourceCategory category, String classCode, String itemCode,
                        BasicResourceKind basicKind, String providerDepartment, String sourceSystem, String collectingDepartment,
                        String approvingDepartment, String providingDepartment, List<DataFormat> formats, DataForm form,
                        List<DataItem> dataItems, Dictionary dictionary, ShareType shareType, String shareConditions,
                        String shareScope, String shareReason, String shareLegalBasis, List<ShareMethod> shareMethods,
                        OpenType openType, String openConditions, String openReason, String openLegalBasis,
                        boolean obtainedBySharing, UpdateFrequency updateFrequency, String topic, String industry,
                        String region, DataGrade grade) {
        this(name, summary, category, classCode, itemCode, basicKind, providerDepartment, sourceSystem, collectingDepartment,
                approvingDepartment, providingDepartment, formats, form, dataItems, dictionary, shareType, shareConditions,
                shareScope, shareReason, shareLegalBasis, shareMethods, openType, openConditions, openReason, openLegalBasis,
                obtainedBySharing, updateFrequency, topic, industry, region, grade, List.of());
    }

    public EntryContent {
        priorityDomains = priorityDomains == null ? List.of() : List.copyOf(priorityDomains);
        formats = formats == null ? List.of() : List.copyOf(formats);
        dataItems = dataItems == null ? List.of() : List.copyOf(dataItems);
        shareMethods = shareMethods == null ? List.of() : List.copyOf(shareMethods);
    }

    /** 信息项: one field of the resource; personal and sensitive items drive masking and grading. */
    public record DataItem(String name, DataType type, Integer length, String description, boolean personal, boolean sensitive) {
    }

    /** 数据字典 and the standard the data follows (NT 9: filed with the bureau with the catalog). */
    public record Dictionary(String name, String url, String standard) {
    }

    /** 类: basic (基础), thematic (主题) or departmental (部门) resources, the first digit of the code. */
    public enum ResourceCategory {
        BASIC(1), THEMATIC(2), DEPARTMENTAL(3);

        public final int digit;

        ResourceCategory(int digit) {
            this.digit = digit;
        }
    }

    /** The five basic resources that must be shared unconditionally (SY 26, QZ 5.2). */
    public enum BasicResourceKind {
        POPULATION, LEGAL_ENTITY, SPATIAL, E_LICENCE, CREDIT
    }

    public enum DataType {
        STRING, INTEGER, DECIMAL, DATE, DATETIME, BOOLEAN, BINARY
    }

    public enum DataFormat {
        CSV, JSON, XML, XLSX, PDF, DATABASE, IMAGE, VIDEO, OTHER
    }

    /** 数据形式. */
    public enum DataForm {
        STRUCTURED, SEMI_STRUCTURED, UNSTRUCTURED
    }

    /** 共享类型 (NT 8). */
    public enum ShareType {
        UNCONDITIONAL, CONDITIONAL, NOT_SHARED
    }

    /** 共享方式 (NT 13). */
    public enum ShareMethod {
        API, DATABASE_TABLE, FILE
    }

    /** 开放类型 (NJ 24, QY 33-34). */
    public enum OpenType {
        UNCONDITIONAL, CONDITIONAL, NOT_OPEN
    }

    /** 更新周期. */
    public enum UpdateFrequency {
        REAL_TIME, DAILY, WEEKLY, MONTHLY, QUARTERLY, SEMIANNUAL, ANNUAL, IRREGULAR
    }

    /** 分级 (QY 10; the national data security law's general / important / core data). */
    public enum DataGrade {
        GENERAL, IMPORTANT, CORE
    }
}
