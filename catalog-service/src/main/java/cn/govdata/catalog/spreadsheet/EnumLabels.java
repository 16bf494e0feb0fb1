package cn.govdata.catalog.spreadsheet;

import cn.govdata.catalog.entry.EntryContent.BasicResourceKind;
import cn.govdata.catalog.entry.EntryContent.DataForm;
import cn.govdata.catalog.entry.EntryContent.DataFormat;
import cn.govdata.catalog.entry.EntryContent.DataGrade;
import cn.govdata.catalog.entry.EntryContent.DataType;
import cn.govdata.catalog.entry.EntryContent.OpenType;
import cn.govdata.catalog.entry.EntryContent.ResourceCategory;
import cn.govdata.catalog.entry.EntryContent.ShareMethod;
import cn.govdata.catalog.entry.EntryContent.ShareType;
import cn.govdata.catalog.entry.EntryContent.UpdateFrequency;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Chinese names of the enum values. Export writes the constant (stable, language-neutral); import
 * also accepts the Chinese name an officer types, e.g. {@code 有条件共享} for {@code CONDITIONAL}.
 */
final class EnumLabels {

    private static final Map<Enum<?>, List<String>> LABELS = new HashMap<>();

    static {
        put(ResourceCategory.BASIC, "基础资源", "基础");
        put(ResourceCategory.THEMATIC, "主题资源", "主题");
        put(ResourceCategory.DEPARTMENTAL, "部门资源", "部门");
        put(BasicResourceKind.POPULATION, "人口");
        put(BasicResourceKind.LEGAL_ENTITY, "法人");
        put(BasicResourceKind.SPATIAL, "自然资源和空间地理", "空间地理");
        put(BasicResourceKind.E_LICENCE, "电子证照");
        put(BasicResourceKind.CREDIT, "社会信用", "信用");
        put(DataType.STRING, "字符型");
        put(DataType.INTEGER, "整数型");
        put(DataType.DECIMAL, "数值型");
        put(DataType.DATE, "日期型");
        put(DataType.DATETIME, "日期时间型");
        put(DataType.BOOLEAN, "布尔型");
        put(DataType.BINARY, "二进制");
        put(DataFormat.DATABASE, "数据库");
        put(DataFormat.IMAGE, "图片");
        put(DataFormat.VIDEO, "视频");
        put(DataFormat.OTHER, "其他");
        put(DataForm.STRUCTURED, "结构化");
        put(DataForm.SEMI_STRUCTURED, "半结构化");
        put(DataForm.UNSTRUCTURED, "非结构化");
        put(ShareType.UNCONDITIONAL, "无条件共享", "无条件");
        put(ShareType.CONDITIONAL, "有条件共享", "有条件");
        put(ShareType.NOT_SHARED, "不予共享");
        put(ShareMethod.API, "接口");
        put(ShareMethod.DATABASE_TABLE, "库表", "数据库表");
        put(ShareMethod.FILE, "文件");
        put(OpenType.UNCONDITIONAL, "无条件开放", "无条件");
        put(OpenType.CONDITIONAL, "有条件开放", "有条件");
        put(OpenType.NOT_OPEN, "不予开放");
        put(UpdateFrequency.REAL_TIME, "实时");
        put(UpdateFrequency.DAILY, "每日");
        put(UpdateFrequency.WEEKLY, "每周");
        put(UpdateFrequency.MONTHLY, "每月");
        put(UpdateFrequency.QUARTERLY, "每季度");
        put(UpdateFrequency.SEMIANNUAL, "每半年");
        put(UpdateFrequency.ANNUAL, "每年");
        put(UpdateFrequency.IRREGULAR, "不定期");
        put(DataGrade.GENERAL, "一般数据", "一般");
        put(DataGrade.IMPORTANT, "重要数据", "重要");
        put(DataGrade.CORE, "核心数据", "核心");
    }

    private EnumLabels() {
    }

    private static void put(Enum<?> value, String... labels) {
        LABELS.put(value, List.of(labels));
    }

    static Optional<String> label(Enum<?> value) {
        return Optional.ofNullable(LABELS.get(value)).map(l -> l.get(0));
    }

    /** The constant named by {@code text}: its name in any case (spaces or dashes for _), or a Chinese name. */
    static <E extends Enum<E>> Optional<E> parse(Class<E> type, String text) {
        String normalized = text.strip().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        for (E value : type.getEnumConstants()) {
            if (value.name().equals(normalized) || LABELS.getOrDefault(value, List.of()).contains(text.strip())) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }

    /** For error messages: {@code UNCONDITIONAL (无条件共享), CONDITIONAL (有条件共享), …}. */
    static String allowed(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants())
                .map(v -> v.name() + label(v).map(l -> " (" + l + ")").orElse(""))
                .collect(Collectors.joining(", "));
    }
}
