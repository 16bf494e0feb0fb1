package cn.govdata.catalog.entry;

import cn.govdata.platform.problem.PlatformException;
import org.springframework.http.HttpStatus;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Turns broken catalog rules into the same 400 problem shape Bean Validation produces. */
public final class EntryValidation {

    private EntryValidation() {
    }

    public static PlatformException failed(List<EntryRules.Violation> violations) {
        List<Map<String, String>> errors = violations.stream()
                .map(v -> Map.of("field", v.field(), "message", v.message())).toList();
        String detail = violations.stream().map(v -> v.field() + ": " + v.message()).collect(Collectors.joining("; "));
        return new PlatformException(HttpStatus.BAD_REQUEST, "validation", "Invalid request", detail, Map.of("errors", errors));
    }
}
