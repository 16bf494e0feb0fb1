package cn.govdata.opendata.dataset;

import cn.govdata.domain.DomainModel;
import cn.govdata.domain.Refusal;
import cn.govdata.opendata.catalog.Listing;
import cn.govdata.privacy.Headers;
import cn.govdata.privacy.Identifiers;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What an upload must satisfy before any of it is published: every column a data item of the
 * catalog entry, named once, personal or sensitive items masked, and no resident ID or mobile number
 * in a column the department declared non-personal. Each broken rule is refused as unprocessable,
 * naming the columns (and the row), so the department fixes the upload rather than the request.
 */
@DomainModel
final class PublicationRules {

    private PublicationRules() {
    }

    static void refuseIdentifiers(String field, long row, String value) {
        Identifiers.find(value).ifPresent(kind -> {
            String what = kind == Identifiers.Kind.RESIDENT_ID_NUMBER ? "a resident ID number (公民身份号码)" : "a mobile number (手机号码)";
            throw new Refusal(Refusal.Kind.UNPROCESSABLE, "personal-data-in-unmasked-column", "Personal data in a column without masking",
                    "Column '" + field + "' has no masking rule but data row " + row + " holds " + what
                            + "; mask the column or remove the value. Nothing was published.",
                    Map.of("errors", List.of(Map.of("field", field, "message", "data row " + row + " holds " + what)),
                            "column", field, "row", row, "kind", kind.name()));
        });
    }

    /** Every uploaded column must be a data item of the catalog entry: an unknown column has no masking decision. */
    static void requireCatalogItems(Listing listing, List<String> uploaded) {
        Set<String> items = new LinkedHashSet<>();
        if (listing.dataItems() != null) {
            listing.dataItems().forEach(i -> items.add(Headers.normalise(i.name())));
        }
        List<Map<String, String>> unknown = new ArrayList<>();
        for (String field : uploaded) {
            if (field.isEmpty()) {
                unknown.add(Map.of("field", field, "message", "a column has no name"));
            } else if (!items.contains(field)) {
                unknown.add(Map.of("field", field, "message", "is not a data item of catalog entry " + listing.entryId()));
            }
        }
        if (!unknown.isEmpty()) {
            throw new Refusal(Refusal.Kind.UNPROCESSABLE, "unknown-column", "Column not in the catalog entry",
                    "Columns " + unknown.stream().map(e -> "'" + e.get("field") + "'").toList() + " are not data items of "
                            + listing.entryId() + " (items: " + items + "); nothing was published",
                    Map.of("errors", unknown, "fields", unknown.stream().map(e -> e.get("field")).toList()));
        }
    }

    /** A catalog data item flagged personal or sensitive that appears in the upload must have a masking rule. */
    static void requireMaskingOfPersonalItems(Listing listing, List<String> uploaded, Map<String, MaskRule> masking) {
        if (listing.dataItems() == null) {
            return;
        }
        Set<String> unmasked = new LinkedHashSet<>();
        for (Listing.Item item : listing.dataItems()) {
            String name = Headers.normalise(item.name());
            if ((item.personal() || item.sensitive()) && uploaded.contains(name) && !masking.containsKey(name)) {
                unmasked.add(name);
            }
        }
        if (!unmasked.isEmpty()) {
            throw new Refusal(Refusal.Kind.UNPROCESSABLE, "unmasked-personal-data", "Personal data without masking",
                    "Fields " + unmasked + " hold personal or sensitive information; set a masking rule before publishing",
                    Map.of("fields", List.copyOf(unmasked), "errors", unmasked.stream()
                            .map(f -> Map.of("field", f, "message", "personal or sensitive item without a masking rule")).toList()));
        }
    }

    /** Two columns that normalise to the same name would let one of them bypass its rule. */
    static void requireDistinct(List<String> fields) {
        Set<String> seen = new LinkedHashSet<>();
        for (String f : fields) {
            if (!seen.add(f)) {
                throw Refusal.invalidField(f, "the column appears twice (after removing invisible characters and spaces)");
            }
        }
    }
}
