package cn.govdata.gateway.ratelimit;

import cn.govdata.gateway.problem.Problems;
import cn.govdata.gateway.security.Callers;
import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Operators change one partner system's rate limit without restarting the gateway. Only
 * platform operators reach it (the security chain); the gateway answers it itself, no route.
 */
@Hidden
@RestController
@RequestMapping(path = "/api/gateway/rate-limits", produces = MediaType.APPLICATION_JSON_VALUE)
class ClientLimitController {

    // Keycloak client ids as the realm names them; anything else is a typo, not a client.
    private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:@-]{0,127}");

    record LimitRequest(Integer replenishRate, Integer burstCapacity, Integer requestedTokens) {
    }

    record LimitView(String clientId, int replenishRate, int burstCapacity, int requestedTokens, String source,
                     Instant updatedAt, String updatedBy) {

        static LimitView of(ClientLimits.Override o) {
            ClientLimit l = o.limit();
            return new LimitView(o.clientId(), l.replenishRate(), l.burstCapacity(), l.requestedTokens(), "override",
                    o.updatedAt(), o.updatedBy());
        }

        static LimitView ofDefault(String clientId, ClientLimit l) {
            return new LimitView(clientId, l.replenishRate(), l.burstCapacity(), l.requestedTokens(), "default", null, null);
        }
    }

    record Listing(LimitView defaultLimit, List<LimitView> clients) {
    }

    /** A request the operator must correct, field by field. */
    static final class Invalid extends RuntimeException {
        final List<ClientLimit.FieldError> errors;

        Invalid(List<ClientLimit.FieldError> errors) {
            super(null, null, false, false);
            this.errors = errors;
        }
    }

    private final ClientLimits limits;

    ClientLimitController(ClientLimits limits) {
        this.limits = limits;
    }

    @GetMapping
    Listing list() {
        return new Listing(LimitView.ofDefault(null, limits.defaultLimit()),
                limits.overrides().stream().map(LimitView::of).toList());
    }

    /** The limit a client gets now, whether set for it or the default. */
    @GetMapping("/{clientId}")
    LimitView get(@PathVariable String clientId) {
        validClientId(clientId);
        return limits.overrideFor(clientId).map(LimitView::of)
                .orElseGet(() -> LimitView.ofDefault(clientId, limits.defaultLimit()));
    }

    @PutMapping(path = "/{clientId}", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<LimitView> put(@PathVariable String clientId, @RequestBody Mono<LimitRequest> body, ServerWebExchange exchange) {
        validClientId(clientId);
        return body.switchIfEmpty(Mono.error(() -> new Invalid(List.of(
                        new ClientLimit.FieldError("body", "a JSON object with replenishRate and burstCapacity is required")))))
                .map(request -> {
                    var errors = ClientLimit.check(request.replenishRate(), request.burstCapacity(), request.requestedTokens());
                    if (!errors.isEmpty()) {
                        throw new Invalid(errors);
                    }
                    ClientLimit limit = new ClientLimit(request.replenishRate(), request.burstCapacity(),
                            request.requestedTokens() == null ? 1 : request.requestedTokens());
                    return LimitView.of(limits.set(clientId, limit, Callers.subject(exchange)));
                });
    }

    /** Back to the default; 204 also when there was nothing set, so a repeated call is harmless. */
    @DeleteMapping("/{clientId}")
    ResponseEntity<Void> reset(@PathVariable String clientId, ServerWebExchange exchange) {
        validClientId(clientId);
        limits.reset(clientId, Callers.subject(exchange));
        return ResponseEntity.noContent().build();
    }

    private static void validClientId(String clientId) {
        if (!CLIENT_ID.matcher(clientId).matches()) {
            throw new Invalid(List.of(new ClientLimit.FieldError("clientId",
                    "must be a client id: letters, digits and . _ : @ -, at most 128 characters")));
        }
    }

    @ExceptionHandler(Invalid.class)
    Mono<Void> invalid(Invalid invalid, ServerWebExchange exchange) {
        return validationProblem(exchange, invalid.errors);
    }

    @ExceptionHandler(ServerWebInputException.class)
    Mono<Void> unreadable(ServerWebInputException unreadable, ServerWebExchange exchange) {
        return validationProblem(exchange, List.of(new ClientLimit.FieldError("body",
                "must be a JSON object with integer replenishRate and burstCapacity (and optionally requestedTokens)")));
    }

    private static Mono<Void> validationProblem(ServerWebExchange exchange, List<ClientLimit.FieldError> errors) {
        String detail = String.join("; ", errors.stream().map(e -> e.field() + ": " + e.message()).toList());
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "validation", "Invalid request", detail);
        problem.setProperty("errors", errors.stream().map(e -> Map.of("field", e.field(), "message", e.message())).toList());
        return Problems.write(exchange, problem);
    }
}
