package cn.govdata.catalog.entry;

/** One field that differs between two versions, as readable text (e.g. {@code dataItems[身份证号].type}). */
public record FieldChange(String field, String before, String after) {
}
