package cn.govdata.catalog.sourcing;

import cn.govdata.catalog.department.Departments;
import cn.govdata.catalog.entry.EntryAccess;
import cn.govdata.catalog.sourcing.HeldItems.Holding;
import cn.govdata.events.EventTypes;
import cn.govdata.events.catalog.CatalogGovernanceEvents;
import cn.govdata.platform.outbox.Events;
import cn.govdata.platform.outbox.OutboxMessage;
import cn.govdata.domain.Refusal;
import cn.govdata.platform.security.Caller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The bureau designates the department that collects a data item (NJ 17: 按照一数一源的原则,
 * 明确数据采集部门); the other departments holding it are told, through {@code SourceDesignated},
 * to reference that source instead of collecting it again (NJ 19, QY 15).
 */
@Service
class DesignatingSources {

    private static final Logger log = LoggerFactory.getLogger(DesignatingSources.class);

    private final SourceDesignations designations;
    private final HeldItems held;
    private final Departments departments;
    private final Events events;
    private final Clock clock;

    DesignatingSources(SourceDesignations designations, HeldItems held, Departments departments, Events events, Clock clock) {
        this.designations = designations;
        this.held = held;
        this.departments = departments;
        this.events = events;
        this.clock = clock;
    }

    SourceDesignation designate(SourcingViews.DesignateRequest request, Caller bureau) {
        EntryAccess.requireBureau(bureau);
        ItemNames.Datum datum = held.datum(request.itemName());
        designations.byItemKey(datum.key()).ifPresent(existing -> {
            throw alreadyDesignated(existing);
        });
        Overlaps.Group holders = Overlaps.of(datum.key(), held.of(Set.of(datum.key())));
        String sourceEntryId = blankToNull(request.sourceEntryId());
        requireHeldBy(holders, request.itemName(), request.collectingDepartment(), sourceEntryId);
        Instant now = clock.instant();
        String itemName = datum.inDictionary() ? datum.canonicalName() : holders.itemName();
        var designation = new SourceDesignation("SD-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase(),
                datum.key(), itemName, aliases(itemName, datum, holders), request.collectingDepartment(), sourceEntryId,
                request.reasons().strip(), referencing(holders, request.collectingDepartment()), bureau.actor(), now, List.of());
        try {
            designations.insert(designation, event(designation));
        } catch (DuplicateKeyException raced) {
            throw designations.byItemKey(datum.key()).map(DesignatingSources::alreadyDesignated).orElseThrow(() -> raced);
        }
        log.info("{} designated {} as the source of {} (referenced by {})", bureau.actor(), designation.collectingDepartment(),
                designation.itemName(), designation.referencingDepartments());
        return designation;
    }

    /** Changes the collecting department or source entry of a designated item, with reasons; the earlier one stays in the history. */
    SourceDesignation redesignate(String id, SourcingViews.RedesignateRequest request, Caller bureau) {
        EntryAccess.requireBureau(bureau);
        DesignationDocument loaded = designations.find(id).orElseThrow(() -> Refusal.notFound("Source designation", id));
        SourceDesignation current = loaded.designation();
        String sourceEntryId = blankToNull(request.sourceEntryId());
        if (current.sameSourceAs(request.collectingDepartment(), sourceEntryId)) {
            throw Refusal.conflict("designation-unchanged", current.itemName() + " is already collected by "
                    + current.collectingDepartment() + (sourceEntryId == null ? "" : " in " + sourceEntryId));
        }
        Overlaps.Group holders = Overlaps.of(current.itemKey(), held.of(Set.of(current.itemKey())));
        requireHeldBy(holders, current.itemName(), request.collectingDepartment(), sourceEntryId);
        ItemNames.Datum datum = held.datum(current.itemName());
        SourceDesignation next = current.redesignate(request.collectingDepartment(), sourceEntryId, request.reasons().strip(),
                referencing(holders, request.collectingDepartment()), aliases(current.itemName(), datum, holders),
                bureau.actor(), clock.instant());
        designations.replace(loaded, next, event(next));
        log.info("{} re-designated the source of {} from {} to {}", bureau.actor(), next.itemName(),
                current.collectingDepartment(), next.collectingDepartment());
        return next;
    }

    private void requireHeldBy(Overlaps.Group holders, String itemName, String collecting, String sourceEntryId) {
        List<Map<String, String>> errors = new ArrayList<>();
        if (!departments.exists(collecting)) {
            errors.add(error("collectingDepartment", "no department with code '" + collecting + "' is registered"));
        } else if (!holders.departments().contains(collecting)) {
            errors.add(error("collectingDepartment", collecting + " holds no data item '" + itemName
                    + "' (or a synonym) in a submitted or published entry"
                    + (holders.departments().isEmpty() ? "; no department does" : "; held by " + String.join(", ", holders.departments()))));
        }
        if (sourceEntryId != null && holders.holdings().stream()
                .noneMatch(h -> h.entryId().equals(sourceEntryId) && h.department().equals(collecting))) {
            errors.add(error("sourceEntryId", "is not an entry of " + collecting + " that holds '" + itemName + "'"));
        }
        if (!errors.isEmpty()) {
            String detail = errors.stream().map(e -> e.get("field") + ": " + e.get("message")).collect(Collectors.joining("; "));
            throw new Refusal(Refusal.Kind.INVALID, "validation", "Invalid request", detail, Map.of("errors", errors));
        }
    }

    private OutboxMessage event(SourceDesignation d) {
        return events.create(EventTypes.SOURCE_DESIGNATED, d.id(), d.collectingDepartment(), null,
                new CatalogGovernanceEvents.SourceDesignated(d.id(), d.itemName(), d.aliases(), d.collectingDepartment(),
                        d.sourceEntryId(), d.referencingDepartments(), d.reasons(), d.designatedBy(), d.designatedAt()));
    }

    /** The names departments use for the item, and the dictionary's synonyms, so consumers can match their own fields. */
    private static List<String> aliases(String itemName, ItemNames.Datum datum, Overlaps.Group holders) {
        var names = new TreeSet<>(datum.synonyms());
        holders.holdings().stream().map(Holding::itemName).forEach(names::add);
        names.remove(itemName);
        return List.copyOf(names);
    }

    private static List<String> referencing(Overlaps.Group holders, String collecting) {
        return holders.departments().stream().filter(d -> !d.equals(collecting)).toList();
    }

    private static Refusal alreadyDesignated(SourceDesignation existing) {
        return Refusal.conflict("already-designated", existing.itemName() + " is already collected by "
                + existing.collectingDepartment() + " (designation " + existing.id()
                + "); change it with PUT /api/catalog/sources/designations/" + existing.id() + " and reasons");
    }

    private static Map<String, String> error(String field, String message) {
        return Map.of("field", field, "message", message);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
