package cn.govdata.catalog.entry;

import cn.govdata.catalog.entry.EntryContent.DataItem;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Field-level differences between two versions of an entry. Data items are matched by name, so a
 * reviewer reads "item 身份证号 removed" rather than a shifted list.
 */
final class EntryDiff {

    private EntryDiff() {
    }

    static List<FieldChange> between(EntryContent before, EntryContent after) {
        List<FieldChange> changes = new ArrayList<>();
        for (RecordComponent component : EntryContent.class.getRecordComponents()) {
            if (component.getName().equals("dataItems")) {
                continue;
            }
            Object a = value(component, before);
            Object b = value(component, after);
            if (!Objects.equals(a, b)) {
                changes.add(new FieldChange(component.getName(), text(a), text(b)));
            }
        }
        changes.addAll(items(before == null ? List.of() : before.dataItems(), after.dataItems()));
        return changes;
    }

    private static List<FieldChange> items(List<DataItem> before, List<DataItem> after) {
        Map<String, DataItem> old = new LinkedHashMap<>();
        before.forEach(i -> old.put(i.name(), i));
        List<FieldChange> changes = new ArrayList<>();
        for (DataItem item : after) {
            DataItem previous = old.remove(item.name());
            if (previous == null) {
                changes.add(new FieldChange("dataItems[" + item.name() + "]", null, describe(item)));
                continue;
            }
            for (RecordComponent component : DataItem.class.getRecordComponents()) {
                Object a = value(component, previous);
                Object b = value(component, item);
                if (!Objects.equals(a, b)) {
                    changes.add(new FieldChange("dataItems[" + item.name() + "]." + component.getName(), text(a), text(b)));
                }
            }
        }
        old.values().forEach(removed -> changes.add(new FieldChange("dataItems[" + removed.name() + "]", describe(removed), null)));
        return changes;
    }

    private static String describe(DataItem item) {
        return item.type() + (item.length() == null ? "" : "(" + item.length() + ")")
                + (item.personal() ? ", personal" : "") + (item.sensitive() ? ", sensitive" : "");
    }

    private static Object value(RecordComponent component, Object record) {
        if (record == null) {
            return null;
        }
        try {
            return component.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof List<?> list && list.isEmpty()) {
            return null;
        }
        return String.valueOf(value);
    }
}
