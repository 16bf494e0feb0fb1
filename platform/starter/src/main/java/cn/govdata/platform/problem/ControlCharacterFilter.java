package cn.govdata.platform.problem;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Refuses query strings whose names or values hold control characters (NUL, CR, LF, the C0 range
 * and DEL) or broken percent-encoding, with a 400 naming the parameter. No search, filter or id
 * on the platform legitimately contains them, and passed on they reach regexes, store queries and
 * logs (a NUL in {@code q} made the open-data search fail with a 500).
 */
final class ControlCharacterFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String query = request.getQueryString();
        String bad = query == null ? null : firstBadParameter(query);
        if (bad != null) {
            String message = "must not contain control characters (such as NUL or line breaks) or broken %-encoding";
            ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "validation", "Invalid request", bad + ": " + message);
            problem.setProperty("errors", List.of(Map.of("field", bad, "message", message)));
            Problems.write(request, response, problem);
            return;
        }
        chain.doFilter(request, response);
    }

    /** The name of the first offending parameter (or "query" when even the name is unreadable), else null. */
    static String firstBadParameter(String query) {
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String rawName = eq < 0 ? pair : pair.substring(0, eq);
            String name = decode(rawName);
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            if (name == null || hasControl(name)) {
                return "query";
            }
            if (value == null || hasControl(value)) {
                return name;
            }
        }
        return null;
    }

    private static String decode(String raw) {
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException broken) {
            return null;
        }
    }

    private static boolean hasControl(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7F) {
                return true;
            }
        }
        return false;
    }
}
