package cn.govdata.sharing.exchange;

import cn.govdata.sharing.grant.Grant;
import cn.govdata.sharing.grant.Grants;
import cn.govdata.sharing.resource.SharedResource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which of the consumer's grants a call relies on, or why none does: the grant must be active and
 * within its validity (QY: minimum authorization), of the right kind (a verification grant never
 * returns records, QZ 5.4) and for a compatible share method.
 */
@Component
class GrantPolicy {

    enum Use {
        RECORDS, FILES, VERIFY
    }

    private static final Set<String> KNOWN_METHODS = Set.of("API", "DATABASE_TABLE", "FILE");

    private final ExchangeLookups lookups;
    private final Grants grants;

    GrantPolicy(ExchangeLookups lookups, Grants grants) {
        this.lookups = lookups;
        this.grants = grants;
    }

    Grant grantFor(SharedResource resource, String department, Use use, Collection<String> items, Instant now) {
        List<Grant> current = lookups.grants(department, resource.id());
        List<Grant> usable = current.stream().filter(g -> g.usableAt(now)).toList();
        if (usable.isEmpty()) {
            throw refusal(resource, department, current, now);
        }
        if (use == Use.VERIFY) {
            return usable.stream().filter(g -> g.items().containsAll(items))
                    .min(Comparator.comparing(g -> g.kind() == Grant.Kind.VERIFICATION ? 0 : 1))
                    .orElseThrow(() -> {
                        Grant best = usable.get(0);
                        List<String> missing = items.stream().filter(i -> !best.items().contains(i)).toList();
                        return ExchangeException.denied(HttpStatus.FORBIDDEN, "items-not-granted", "Items not granted",
                                "Grant " + best.id() + " does not cover " + String.join(", ", missing)
                                        + "; verify only granted items or apply for them",
                                Map.of("grantId", best.id(), "items", missing));
                    });
        }
        List<Grant> data = usable.stream().filter(g -> g.kind() != Grant.Kind.VERIFICATION).toList();
        if (data.isEmpty()) {
            throw ExchangeException.denied(HttpStatus.FORBIDDEN, "verification-only", "Verification only",
                    "Department " + department + " may only verify claims against resource " + resource.id()
                            + " (可用不可见, QZ 5.4): use POST /api/exchange/" + resource.id() + "/verify",
                    Map.of("grantId", usable.get(0).id()));
        }
        return data.stream().filter(g -> methodAllows(g.method(), use)).findFirst().orElseThrow(() ->
                ExchangeException.denied(HttpStatus.FORBIDDEN, "method-not-granted", "Share method not granted",
                        "Grant " + data.get(0).id() + " shares resource " + resource.id() + " by " + data.get(0).method()
                                + (use == Use.FILES ? ", not by file download" : ", not by record queries"),
                        Map.of("grantId", data.get(0).id())));
    }

    private static boolean methodAllows(String method, Use use) {
        if (method == null || !KNOWN_METHODS.contains(method)) {
            return true;
        }
        return switch (use) {
            case RECORDS -> !method.equals("FILE");
            case FILES -> !method.equals("API");
            case VERIFY -> true;
        };
    }

    private ExchangeException refusal(SharedResource resource, String department, List<Grant> current, Instant now) {
        for (Grant g : current) {
            if (g.state() == Grant.State.ACTIVE && g.awaitingPlatformReview()) {
                return ExchangeException.denied(HttpStatus.FORBIDDEN, "grant-awaiting-review", "grant awaiting bureau review (NT 23)",
                        "Grant " + g.id() + " on resource " + resource.id() + " was issued by the platform directly; it is usable "
                                + "once the data management bureau has recorded its review (NT 23), due by " + g.platformReview().dueAt(),
                        Map.of("grantId", g.id(), "platformReviewDueAt", g.platformReview().dueAt().toString()));
            }
        }
        for (Grant g : current) {
            if (g.state() == Grant.State.SUSPENDED) {
                String reason = g.stateReason() == null ? "" : ": " + g.stateReason();
                return ExchangeException.denied(HttpStatus.FORBIDDEN, "grant-suspended", "Grant suspended",
                        "Grant " + g.id() + " of department " + department + " on resource " + resource.id()
                                + " is suspended by the data management bureau (QZ 5.10)" + reason,
                        Map.of("grantId", g.id(), "state", "SUSPENDED"));
            }
        }
        for (Grant g : current) {
            if (g.state() == Grant.State.ACTIVE && !now.isBefore(g.validTo())) {
                return expired(g.id(), resource, g.validTo());
            }
        }
        for (Grant g : current) {
            if (g.state() == Grant.State.ACTIVE && now.isBefore(g.validFrom())) {
                return ExchangeException.denied(HttpStatus.FORBIDDEN, "grant-not-yet-valid", "Grant not yet valid",
                        "Grant " + g.id() + " on resource " + resource.id() + " is valid from " + g.validFrom(),
                        Map.of("grantId", g.id(), "validFrom", g.validFrom().toString()));
            }
        }
        // Cold path: tell an expired or revoked consumer what happened instead of a bare "no grant".
        Grant ended = grants.lastEnded(department, resource.id()).orElse(null);
        if (ended != null && ended.state() == Grant.State.EXPIRED) {
            return expired(ended.id(), resource, ended.validTo());
        }
        if (ended != null) {
            return ExchangeException.denied(HttpStatus.FORBIDDEN, "grant-revoked", "Grant revoked",
                    "Grant " + ended.id() + " on resource " + resource.id() + " was revoked"
                            + (ended.stateReason() == null ? "" : ": " + ended.stateReason()) + "; apply again if the need remains",
                    Map.of("grantId", ended.id(), "state", "REVOKED"));
        }
        return ExchangeException.denied(HttpStatus.FORBIDDEN, "no-grant", "No grant",
                "Department " + department + " holds no grant on resource " + resource.id()
                        + "; apply for it through /api/sharing first");
    }

    private static ExchangeException expired(String grantId, SharedResource resource, Instant validTo) {
        return ExchangeException.denied(HttpStatus.FORBIDDEN, "grant-expired", "Grant expired",
                "Grant " + grantId + " on resource " + resource.id() + " expired at " + validTo
                        + "; apply again (NT 26: use after expiry needs a new application)",
                Map.of("grantId", grantId, "state", "EXPIRED"));
    }
}
