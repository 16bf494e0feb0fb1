package cn.govdata.catalog.spreadsheet;

import cn.govdata.catalog.entry.EntryContent.BasicResourceKind;
import cn.govdata.catalog.entry.EntryContent.DataForm;
import cn.govdata.catalog.entry.EntryContent.DataFormat;
import cn.govdata.catalog.entry.EntryContent.DataGrade;
import cn.govdata.catalog.entry.EntryContent.OpenType;
import cn.govdata.catalog.entry.EntryContent.ResourceCategory;
import cn.govdata.catalog.entry.EntryContent.ShareMethod;
import cn.govdata.catalog.entry.EntryContent.ShareType;
import cn.govdata.catalog.entry.EntryContent.UpdateFrequency;
import cn.govdata.catalog.entry.EntryRequest;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The columns of the cataloguing template, in their fixed order: one per {@link EntryRequest} field
 * (the dictionary as three). A header cell is {@code <中文> <field>}, e.g. {@code 资源名称 name}.
 */
enum TemplateColumn {
    NAME("name", "资源名称", Kind.TEXT, null, 24, "资源的规范名称，200 字以内"),
    SUMMARY("summary", "摘要", Kind.TEXT, null, 40, "资源内容、范围与用途的说明，2000 字以内"),
    CATEGORY("category", "资源分类", Kind.ENUM, ResourceCategory.class, 14, "类：基础、主题或部门资源，决定资源代码第 1 位"),
    CLASS_CODE("classCode", "项代码", Kind.CODE, null, 10, "2 位数字的项代码，如 01（资源代码第 2-3 位）"),
    ITEM_CODE("itemCode", "目代码", Kind.CODE, null, 10, "3 位数字的目代码，如 001（资源代码第 4-6 位）"),
    BASIC_KIND("basicKind", "基础资源类型", Kind.ENUM, BasicResourceKind.class, 16,
            "仅基础资源填写；基础资源必须无条件共享（SY 26、QZ 5.2）"),
    PROVIDER_DEPARTMENT("providerDepartment", "数源部门", Kind.DEPARTMENT, null, 14, "负责本资源的部门代码，只能是导入者本部门"),
    SOURCE_SYSTEM("sourceSystem", "来源信息系统", Kind.TEXT, null, 24, "数据产生或汇聚的信息系统名称"),
    COLLECTING_DEPARTMENT("collectingDepartment", "采集部门", Kind.DEPARTMENT, null, 14, "已登记的部门代码，可空"),
    APPROVING_DEPARTMENT("approvingDepartment", "核准部门", Kind.DEPARTMENT, null, 14, "已登记的部门代码，可空"),
    PROVIDING_DEPARTMENT("providingDepartment", "提供部门", Kind.DEPARTMENT, null, 14, "已登记的部门代码，可空"),
    FORMATS("formats", "数据格式", Kind.ENUM_LIST, DataFormat.class, 16, "一个或多个，用 ; 分隔，如 DATABASE;JSON"),
    FORM("form", "数据形式", Kind.ENUM, DataForm.class, 14, "结构化、半结构化或非结构化"),
    DATA_ITEMS("dataItems", "信息项", Kind.DATA_ITEMS, null, 60,
            "name:TYPE[:length][:personal][:sensitive][:desc=说明]，多个用 ; 分隔（见下方格式说明）"),
    DICTIONARY_NAME("dictionary.name", "数据字典名称", Kind.TEXT, null, 18, "数据字典名称（NT 9），可空"),
    DICTIONARY_URL("dictionary.url", "数据字典地址", Kind.TEXT, null, 24, "数据字典的访问地址，可空"),
    DICTIONARY_STANDARD("dictionary.standard", "数据标准", Kind.TEXT, null, 16, "遵循的标准编号，如 GB 11643，可空"),
    SHARE_TYPE("shareType", "共享类型", Kind.ENUM, ShareType.class, 14, "无条件、有条件或不予共享（NT 8）"),
    SHARE_CONDITIONS("shareConditions", "共享条件", Kind.TEXT, null, 24, "有条件共享时必填"),
    SHARE_SCOPE("shareScope", "共享范围", Kind.TEXT, null, 24, "有条件共享时必填（NT 8：标明共享范围）"),
    SHARE_REASON("shareReason", "共享限制理由", Kind.TEXT, null, 24, "有条件共享或不予共享时必填"),
    SHARE_LEGAL_BASIS("shareLegalBasis", "共享依据", Kind.TEXT, null, 24,
            "有条件共享或不予共享时必填的法律、法规依据（NJ 21、NT 8、SY 23、QY 14）"),
    SHARE_METHODS("shareMethods", "共享方式", Kind.ENUM_LIST, ShareMethod.class, 18, "除不予共享外必填，一个或多个，用 ; 分隔（NT 13）"),
    OPEN_TYPE("openType", "开放类型", Kind.ENUM, OpenType.class, 14, "无条件、有条件或不予开放（NJ 24、QY 33-34）"),
    OPEN_CONDITIONS("openConditions", "开放条件", Kind.TEXT, null, 24, "有条件开放时必填"),
    OPEN_REASON("openReason", "不予开放理由", Kind.TEXT, null, 24, "不予开放时必填"),
    OPEN_LEGAL_BASIS("openLegalBasis", "开放依据", Kind.TEXT, null, 24, "有条件开放或不予开放时必填的法律依据"),
    OBTAINED_BY_SHARING("obtainedBySharing", "共享获取", Kind.BOOLEAN, null, 12,
            "是否仅通过共享获得；是则只能不予开放（QY 37）；空为否"),
    UPDATE_FREQUENCY("updateFrequency", "更新周期", Kind.ENUM, UpdateFrequency.class, 14, "数据更新的周期"),
    TOPIC("topic", "主题", Kind.TEXT, null, 14, "检索用主题，如 人口，可空"),
    INDUSTRY("industry", "行业", Kind.TEXT, null, 14, "检索用行业，如 公共管理，可空"),
    REGION("region", "行政区划", Kind.CODE, null, 12, "6 位行政区划代码，如 320100"),
    GRADE("grade", "分级", Kind.ENUM, DataGrade.class, 14, "一般、重要或核心数据（QY 10）"),
    /** Optional and last, so sheets made from the template before it existed still import. */
    PRIORITY_DOMAINS("priorityDomains", "重点开放领域", Kind.TEXT, null, 24,
            "重点和优先开放领域（SY 36、QY 31），可空，多个用 ; 分隔，可选：" + String.join(";",
                    java.util.Arrays.stream(cn.govdata.policy.PriorityDomain.values()).map(cn.govdata.policy.PriorityDomain::key).toList()));

    /** How a cell is written and read. */
    enum Kind {
        TEXT, CODE, DEPARTMENT, ENUM, ENUM_LIST, BOOLEAN, DATA_ITEMS
    }

    static final List<TemplateColumn> ALL = List.of(values());

    /** Separates the values of a list cell; the full-width {@code ；} a Chinese IME types is accepted too. */
    static final String LIST_SEPARATOR = ";";

    final String field;
    final String chinese;
    final Kind kind;
    final Class<? extends Enum<?>> values;
    final double width;
    final String hint;
    final boolean required;

    TemplateColumn(String field, String chinese, Kind kind, Class<? extends Enum<?>> values, double width, String hint) {
        this.field = field;
        this.chinese = chinese;
        this.kind = kind;
        this.values = values;
        this.width = width;
        this.hint = hint;
        this.required = requiredByBeanValidation(field);
    }

    /** The header cell, e.g. {@code 资源名称 name}. */
    String header() {
        return chinese + " " + field;
    }

    /** Spreadsheet column letters: A, B, … Z, AA, AB … */
    String letter() {
        return letter(ordinal());
    }

    static String letter(int index) {
        StringBuilder s = new StringBuilder();
        for (int i = index + 1; i > 0; i = (i - 1) / 26) {
            s.insert(0, (char) ('A' + (i - 1) % 26));
        }
        return s.toString();
    }

    /**
     * Whether a shorter all-digit value gets its leading zeros back: class and item codes start with
     * 0 and Excel drops the zeros of a number. Region codes never start with 0, so a short one is a mistake.
     */
    boolean zeroPadded() {
        return this == CLASS_CODE || this == ITEM_CODE;
    }

    /** The fixed width of a digit code column (class 2, item 3, region 6), or 0. */
    int codeWidth() {
        return switch (this) {
            case CLASS_CODE -> 2;
            case ITEM_CODE -> 3;
            case REGION -> 6;
            default -> 0;
        };
    }

    /** The column a validation path such as {@code dataItems[2].length} or {@code dictionary.url} belongs to. */
    static Optional<TemplateColumn> ofPath(String path) {
        if (path == null) {
            return Optional.empty();
        }
        String root = path.split("[.\\[]", 2)[0];
        String key = root.equals("dictionary") && path.length() > root.length() + 1
                ? "dictionary." + path.substring(root.length() + 1).split("[.\\[]", 2)[0] : root;
        return ALL.stream().filter(c -> c.field.equals(key)).findFirst();
    }

    /** Allowed values for the instructions, e.g. {@code CONDITIONAL（有条件共享）}. */
    String allowedValues() {
        return switch (kind) {
            case ENUM, ENUM_LIST -> EnumLabels.allowed(values);
            case BOOLEAN -> "TRUE / FALSE（是 / 否）";
            case CODE -> codeWidth() + " 位数字";
            case DEPARTMENT -> "部门代码：大写字母开头，大写字母、数字或 -";
            case DATA_ITEMS -> "TYPE: " + Arrays.stream(cn.govdata.catalog.entry.EntryContent.DataType.values())
                    .map(Enum::name).reduce((a, b) -> a + ", " + b).orElse("");
            case TEXT -> "文本";
        };
    }

    private static boolean requiredByBeanValidation(String field) {
        if (field.contains(".")) {
            return false;
        }
        try {
            // The constraints sit on the record's fields (their targets include FIELD, not RECORD_COMPONENT).
            Field declared = EntryRequest.class.getDeclaredField(field);
            return declared.isAnnotationPresent(NotNull.class) || declared.isAnnotationPresent(NotBlank.class)
                    || declared.isAnnotationPresent(NotEmpty.class);
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("EntryRequest has no field " + field + "; update the spreadsheet template", e);
        }
    }
}
