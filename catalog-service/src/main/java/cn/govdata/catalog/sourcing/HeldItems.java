package cn.govdata.catalog.sourcing;

import cn.govdata.catalog.entry.CatalogEntry;
import cn.govdata.catalog.entry.CatalogEntry.WorkingState;
import cn.govdata.catalog.entry.EntryContent;
import cn.govdata.catalog.entry.EntryStatus;
import cn.govdata.catalog.entry.Entries;
import cn.govdata.catalog.entry.ItemKeys;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What each department holds according to the catalog: every data item of every entry that went
 * to the bureau. Published content counts, and so does a version submitted or under review (the
 * department has declared it); drafts, returned versions and withdrawn entries do not.
 *
 * <p>Designations and a department's overlaps read only the entries that may hold the items in
 * question, through the entries' item keys ({@link ItemKeys}, a multikey index); the bureau's
 * whole-catalog reports read every entry.
 */
@Component
class HeldItems {

    /** One data item in one entry of one department, with the datum it stands for. */
    record Holding(String department, String entryId, String entryName, String itemName, EntryContent.DataType type,
                   ItemNames.Datum datum) {
    }

    /** One entry that went to the bureau, for comparing resource names. */
    record HeldEntry(String department, String entryId, String entryName, EntryStatus status) {
    }

    private final Entries entries;
    private final ItemNames names;

    HeldItems(Entries entries, ItemNames names) {
        this.entries = entries;
        this.names = names;
    }

    List<Holding> all() {
        List<Holding> holdings = new ArrayList<>();
        try (Stream<CatalogEntry> all = entries.allEntries()) {
            all.forEach(entry -> holdings.addAll(holdings(entry)));
        }
        return holdings;
    }

    /** Every holding of the data whose keys ({@link ItemNames.Datum#key()}) are given, and no other. */
    List<Holding> of(Collection<String> datumKeys) {
        if (datumKeys.isEmpty()) {
            return List.of();
        }
        Set<String> itemKeys = new HashSet<>();
        datumKeys.forEach(key -> itemKeys.addAll(names.itemKeys(key)));
        List<Holding> holdings = new ArrayList<>();
        try (Stream<CatalogEntry> candidates = entries.entriesHoldingAny(itemKeys)) {
            candidates.forEach(entry -> holdings(entry).stream()
                    .filter(h -> datumKeys.contains(h.datum().key())).forEach(holdings::add));
        }
        return holdings;
    }

    /** The keys of the data a department holds, read from its own entries. */
    Set<String> keysHeldBy(String department) {
        Set<String> keys = new HashSet<>();
        entries.entriesOf(department, null).forEach(entry -> holdings(entry).stream()
                .filter(h -> h.department().equals(department)).forEach(h -> keys.add(h.datum().key())));
        return keys;
    }

    List<HeldEntry> entries() {
        List<HeldEntry> held = new ArrayList<>();
        try (Stream<CatalogEntry> all = entries.allEntries()) {
            all.forEach(entry -> {
                List<EntryContent> contents = declared(entry);
                if (!contents.isEmpty()) {
                    // The name the catalog shows: the published one, else the submitted one.
                    held.add(new HeldEntry(contents.get(0).providerDepartment(), entry.id(), contents.get(0).name(), entry.status()));
                }
            });
        }
        return held;
    }

    ItemNames.Datum datum(String itemName) {
        return names.datum(itemName);
    }

    private List<Holding> holdings(CatalogEntry entry) {
        // An item present in both the published and the submitted version is held once.
        Map<String, Holding> byName = new LinkedHashMap<>();
        for (EntryContent content : declared(entry)) {
            for (EntryContent.DataItem item : content.dataItems()) {
                byName.putIfAbsent(item.name(), new Holding(content.providerDepartment(), entry.id(), content.name(),
                        item.name(), item.type(), names.datum(item.name())));
            }
        }
        return List.copyOf(byName.values());
    }

    /** The published content and a version with the bureau, in that order; empty for drafts and withdrawn entries. */
    static List<EntryContent> declared(CatalogEntry entry) {
        if (entry.status() == EntryStatus.WITHDRAWN) {
            return List.of();
        }
        List<EntryContent> contents = new ArrayList<>(2);
        if (entry.published() != null) {
            contents.add(entry.published());
        }
        var working = entry.working();
        if (working != null && (working.state() == WorkingState.SUBMITTED || working.state() == WorkingState.UNDER_REVIEW)) {
            contents.add(working.content());
        }
        return contents;
    }
}
