package cn.govdata.catalog.sourcing;

import cn.govdata.domain.DomainModel;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The bureau's decision that one department collects a data item (一数一源, NJ 17/19, SY 20,
 * QZ 3.1, QY 15); every other department that needs it references that source instead of
 * collecting it again. Re-designating keeps the earlier decisions in {@code history}.
 *
 * @param itemKey                the datum's key ({@link ItemNames}); one designation per key
 * @param referencingDepartments the other departments holding the item when it was designated
 * @param history                earlier designations of the item, oldest first
 */
@DomainModel
record SourceDesignation(String id, String itemKey, String itemName, List<String> aliases, String collectingDepartment,
                         String sourceEntryId, String reasons, List<String> referencingDepartments, String designatedBy,
                         Instant designatedAt, List<Superseded> history) {

    record Superseded(String collectingDepartment, String sourceEntryId, String reasons, List<String> referencingDepartments,
                      String designatedBy, Instant designatedAt, String supersededBy, Instant supersededAt) {
    }

    SourceDesignation {
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
        referencingDepartments = referencingDepartments == null ? List.of() : List.copyOf(referencingDepartments);
        history = history == null ? List.of() : List.copyOf(history);
    }

    SourceDesignation redesignate(String collecting, String entryId, String newReasons, List<String> referencing,
                                  List<String> newAliases, String actor, Instant now) {
        List<Superseded> earlier = new ArrayList<>(history);
        earlier.add(new Superseded(collectingDepartment, sourceEntryId, reasons, referencingDepartments, designatedBy,
                designatedAt, actor, now));
        return new SourceDesignation(id, itemKey, itemName, newAliases, collecting, entryId, newReasons, referencing, actor,
                now, earlier);
    }

    boolean sameSourceAs(String collecting, String entryId) {
        return collectingDepartment.equals(collecting) && java.util.Objects.equals(sourceEntryId, entryId);
    }
}
