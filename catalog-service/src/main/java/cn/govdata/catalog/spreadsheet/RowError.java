package cn.govdata.catalog.spreadsheet;

import java.util.LinkedHashMap;
import java.util.Map;

/** One problem with one row: the {@code EntryRequest} field path (as the JSON API names it) and why. */
record RowError(String field, String message) {

    /** The wire shape; {@code column} is the template header the officer looks for in the sheet. */
    Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("field", field);
        map.put("message", message);
        TemplateColumn.ofPath(field).ifPresent(c -> map.put("column", c.letter() + " " + c.header()));
        return map;
    }
}
