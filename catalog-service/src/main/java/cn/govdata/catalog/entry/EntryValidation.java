package cn.govdata.catalog.entry;

import cn.govdata.domain.Refusal;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Turns broken catalog rules into the same 400 problem shape Bean Validation produces. */
public final class EntryValidation {

    private EntryValidation() {
    }

    public static Refusal failed(List<EntryRules.Violation> violations) {
        List<Map<String, String>> errors = violations.stream()
                .map(v -> Map.of("field", v.field(), "message", v.message())).toList();
        String detail = violations.stream().map(v -> v.field() + ": " + v.message()).collect(Collectors.joining("; "));
        return new Refusal(Refusal.Kind.INVALID, "validation", "Invalid request", detail, Map.of("errors", errors));
    }
}
