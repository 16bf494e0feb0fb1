package cn.govdata.sharing.exchange;

import cn.govdata.events.exchange.ExchangeEvents;
import cn.govdata.events.exchange.ExchangeEvents.DataAccessed;
import cn.govdata.platform.requestid.RequestIds;
import cn.govdata.platform.security.Caller;
import cn.govdata.platform.security.Roles;
import cn.govdata.sharing.dispute.DisputedRecords;
import cn.govdata.sharing.grant.Grant;
import cn.govdata.sharing.provider.Masking;
import cn.govdata.sharing.provider.ProviderFiles;
import cn.govdata.sharing.provider.ProviderRegistration;
import cn.govdata.sharing.resource.SharedResource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.web.util.UriUtils;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The exchange itself: a consumer department's call is checked against its grant and the crawler
 * rules, the provider is called (or the stored file opened), only the granted items go back,
 * desensitized as the provider's rules say unless granted in clear, with provenance and dispute
 * flags, and the access is recorded before anything leaves.
 */
@Service
class ExchangingData {

    static final String OP_RECORD = "GET /api/exchange/{resourceId}/records/{key}";
    static final String OP_QUERY = "GET /api/exchange/{resourceId}/records";
    static final String OP_FILE = "GET /api/exchange/{resourceId}/files/{fileId}";
    static final String OP_VERIFY = "POST /api/exchange/{resourceId}/verify";
    private static final List<String> LIST_FIELDS = List.of("items", "records", "content", "data", "rows");
    private static final List<String> TOTAL_FIELDS = List.of("total", "totalItems", "totalElements", "count");

    /** Who calls, for what, and when: the same for every step of one call. */
    record Call(Caller caller, String purpose, Instant now) {
        String department() {
            return caller.department();
        }

        String clientId() {
            return caller.clientId() == null ? "unknown" : caller.clientId();
        }

        /**
         * Whose calls the crawler rules count together: the consumer department, whichever of its
         * clients calls (several clients do not multiply the thresholds), and for a person on a shared
         * client (the portal) that person, so people do not share one block.
         */
        String crawlerKey() {
            return caller.username() == null ? department() : department() + '\u0000' + caller.subject();
        }
    }

    /** A file download that passed every check; the access is recorded already. */
    record Download(Resource content, ProviderRegistration.ProviderFile file, String sourceDepartment, Instant retrievedAt) {
    }

    private record Checked(SharedResource resource, Grant grant, ProviderRegistration provider) {
    }

    private final ExchangeLookups lookups;
    private final GrantPolicy policy;
    private final ProviderClient providers;
    private final ProviderFiles files;
    private final DisputedRecords disputes;
    private final RateLimits rates;
    private final EnumerationDetector enumeration;
    private final VerificationAttempts verifications;
    private final AbnormalAccess abnormal;
    private final UsageLedger usage;
    private final AccessLog accessLog;
    private final ExchangeProperties properties;
    private final JsonMapper json;
    private final Clock clock;

    ExchangingData(ExchangeLookups lookups, GrantPolicy policy, ProviderClient providers, ProviderFiles files,
                   DisputedRecords disputes, RateLimits rates, EnumerationDetector enumeration,
                   VerificationAttempts verifications, AbnormalAccess abnormal,
                   UsageLedger usage, AccessLog accessLog, ExchangeProperties properties, JsonMapper json, Clock clock) {
        this.lookups = lookups;
        this.policy = policy;
        this.providers = providers;
        this.files = files;
        this.disputes = disputes;
        this.rates = rates;
        this.enumeration = enumeration;
        this.verifications = verifications;
        this.abnormal = abnormal;
        this.usage = usage;
        this.accessLog = accessLog;
        this.properties = properties;
        this.json = json;
        this.clock = clock;
    }

    Call call(Caller caller, String purpose) {
        return new Call(caller, purpose, clock.instant());
    }

    /** Whether the id names a resource this service knows, so metrics never label arbitrary path input. */
    boolean known(String resourceId) {
        return lookups.resource(resourceId).isPresent();
    }

    ExchangeResponse record(String resourceId, String key, Call call) {
        if (key.isBlank() || key.length() > 128) {
            throw ExchangeException.denied(HttpStatus.BAD_REQUEST, "validation", "Invalid request", "key: must be 1 to 128 characters");
        }
        Checked c = check(resourceId, call, GrantPolicy.Use.RECORDS, null, key, true);
        ProviderRegistration p = apiProvider(c);
        if (p.endpoint() == null) {
            throw ExchangeException.denied(HttpStatus.CONFLICT, "no-record-endpoint", "No lookup by key",
                    "The provider of resource " + resourceId + " serves queries only: use GET /api/exchange/" + resourceId + "/records?<filters>");
        }
        URI uri = URI.create(p.endpoint().replace("{key}", UriUtils.encode(key, StandardCharsets.UTF_8)));
        ProviderClient.Reply reply = providers.get(p, uri, call.department());
        Instant retrievedAt = clock.instant();
        if (reply.status() == 404) {
            enumeration.notFound(call.crawlerKey(), resourceId, call.now())
                    .ifPresent(d -> report(d, c, call));
            throw ExchangeException.denied(HttpStatus.NOT_FOUND, "record-not-found", "Record not found",
                    "The provider of resource " + resourceId + " has no record with this key");
        }
        requireSuccess(reply, p);
        JsonNode node = parse(reply, p);
        if (node.isArray()) {
            node = node.size() == 0 ? null : node.get(0);
        }
        if (node == null || !node.isObject()) {
            throw badResponse(p, "expected a JSON object for one record");
        }
        Set<String> masked = new LinkedHashSet<>();
        List<String> delivered = deliveredItems(c);
        ExchangeResponse.ExchangeRecord record = shape(node, c, delivered, key, masked);
        recordAccess(c, call, "RECORD", OP_RECORD, delivered, masked, 1, List.of(key), null);
        return new ExchangeResponse(resourceId, c.resource().providerDepartment(), retrievedAt, c.grant().id(), null, null,
                null, List.of(record));
    }

    ExchangeResponse query(String resourceId, Map<String, String> filters, int page, int size, Call call) {
        if (page < 0 || size < 1) {
            throw ExchangeException.denied(HttpStatus.BAD_REQUEST, "validation", "Invalid request",
                    "page: must be 0 or more; size: must be 1 or more");
        }
        Checked c = check(resourceId, call, GrantPolicy.Use.RECORDS, null, null, true);
        ProviderRegistration p = apiProvider(c);
        if (p.listEndpoint() == null) {
            throw ExchangeException.denied(HttpStatus.CONFLICT, "no-query-endpoint", "No queries",
                    "The provider of resource " + resourceId + " serves lookups by key only: use GET /api/exchange/" + resourceId + "/records/{key}");
        }
        if (filters.size() > 10) {
            throw ExchangeException.denied(HttpStatus.BAD_REQUEST, "validation", "Invalid request", "filters: at most 10");
        }
        StringBuilder url = new StringBuilder(p.listEndpoint()).append(p.listEndpoint().contains("?") ? '&' : '?');
        for (Map.Entry<String, String> filter : filters.entrySet()) {
            // Filtering on an item the grant does not cover would reveal it (who lives at this address?).
            if (!c.grant().items().contains(filter.getKey())) {
                throw ExchangeException.denied(HttpStatus.BAD_REQUEST, "filter-not-granted", "Filter not granted",
                        filter.getKey() + ": filters may only use the data items your grant covers ("
                                + String.join(", ", c.grant().items()) + ")",
                        Map.of("errors", List.of(Map.of("field", filter.getKey(), "message", "is not a granted item"))));
            }
            if (filter.getValue().length() > 200) {
                throw ExchangeException.denied(HttpStatus.BAD_REQUEST, "validation", "Invalid request", filter.getKey() + ": at most 200 characters");
            }
            url.append(UriUtils.encode(p.providerField(filter.getKey()), StandardCharsets.UTF_8)).append('=')
                    .append(UriUtils.encode(filter.getValue(), StandardCharsets.UTF_8)).append('&');
        }
        long remaining = quota(c.grant()) - usage.usedToday(c.grant().id());
        int pageSize = (int) Math.max(1, Math.min(Math.min(size, properties.maxPageSize()), remaining));
        url.append("page=").append(page).append("&size=").append(pageSize);
        ProviderClient.Reply reply = providers.get(p, URI.create(url.toString()), call.department());
        Instant retrievedAt = clock.instant();
        List<JsonNode> rows = new ArrayList<>();
        Long total = null;
        if (reply.status() != 404) {
            requireSuccess(reply, p);
            JsonNode root = parse(reply, p);
            JsonNode array = root.isArray() ? root : null;
            for (int i = 0; array == null && i < LIST_FIELDS.size(); i++) {
                JsonNode candidate = root.get(LIST_FIELDS.get(i));
                array = candidate != null && candidate.isArray() ? candidate : null;
            }
            if (array == null) {
                throw badResponse(p, "expected a JSON array of records, or an object with one under items/records/content/data");
            }
            for (JsonNode row : array) {
                if (rows.size() == pageSize) {
                    break;
                }
                rows.add(row);
            }
            for (String field : TOTAL_FIELDS) {
                JsonNode t = root.isObject() ? root.get(field) : null;
                if (t != null && t.isNumber()) {
                    total = t.asLong();
                    break;
                }
            }
        }
        Set<String> masked = new LinkedHashSet<>();
        List<String> delivered = deliveredItems(c);
        List<ExchangeResponse.ExchangeRecord> records = new ArrayList<>(rows.size());
        List<String> keys = new ArrayList<>();
        for (JsonNode row : rows) {
            if (!row.isObject()) {
                throw badResponse(p, "expected JSON objects as records");
            }
            records.add(shape(row, c, delivered, null, masked));
            String raw = rawKey(row, c.provider());
            if (raw != null && keys.size() < AccessLog.MAX_RECORD_KEYS) {
                keys.add(raw);
            }
        }
        recordAccess(c, call, "QUERY", OP_QUERY, delivered, masked, records.size(), keys, null);
        return new ExchangeResponse(resourceId, c.resource().providerDepartment(), retrievedAt, c.grant().id(), page,
                pageSize, total, records);
    }

    List<ProviderRegistration.ProviderFile> files(String resourceId, Call call) {
        Checked c = check(resourceId, call, GrantPolicy.Use.FILES, null, null, false);
        return fileProvider(c).files().stream().filter(f -> fileAllowed(f, c.grant(), fileProvider(c)) == null).toList();
    }

    Download file(String resourceId, String fileId, Call call) {
        Checked c = check(resourceId, call, GrantPolicy.Use.FILES, null, null, true);
        ProviderRegistration p = fileProvider(c);
        ProviderRegistration.ProviderFile file = p.file(fileId).orElseThrow(() -> ExchangeException.denied(
                HttpStatus.NOT_FOUND, "not-found", "File not found", "Resource " + resourceId + " has no file " + fileId));
        String refusal = fileAllowed(file, c.grant(), p);
        if (refusal != null) {
            throw ExchangeException.denied(HttpStatus.FORBIDDEN, "file-not-granted", "File not covered by the grant", refusal,
                    Map.of("grantId", c.grant().id()));
        }
        Resource content = files.open(fileId, file.name()).orElseThrow(() -> ExchangeException.denied(
                HttpStatus.NOT_FOUND, "not-found", "File not found", "File " + fileId + " is no longer stored"));
        List<String> maskedItems = file.maskedItems();
        recordAccess(c, call, "FILE", OP_FILE, file.items(), maskedItems, 1, List.of(), fileId);
        return new Download(content, file, c.resource().providerDepartment(), clock.instant());
    }

    VerifyResponse verify(String resourceId, VerifyRequest request, Call call) {
        Checked c = check(resourceId, call, GrantPolicy.Use.VERIFY, request.claims().keySet(), request.key(), true);
        ProviderRegistration p = apiProvider(c);
        if (p.endpoint() == null) {
            throw ExchangeException.denied(HttpStatus.CONFLICT, "no-record-endpoint", "No lookup by key",
                    "The provider of resource " + resourceId + " has no lookup by key to verify against");
        }
        for (String item : request.claims().keySet()) {
            if (!c.resource().hasItem(item)) {
                throw ExchangeException.denied(HttpStatus.BAD_REQUEST, "validation", "Invalid request",
                        "claims." + item + ": not a data item of resource " + resourceId);
            }
        }
        Optional<VerificationAttempts.Capped> capped = verifications.attempt(c.grant().id(), request.key());
        if (capped.isPresent()) {
            throw verificationCapped(capped.get(), c, call);
        }
        URI uri = URI.create(p.endpoint().replace("{key}", UriUtils.encode(request.key(), StandardCharsets.UTF_8)));
        ProviderClient.Reply reply = providers.get(p, uri, call.department());
        JsonNode node = null;
        if (reply.status() == 404) {
            enumeration.notFound(call.crawlerKey(), resourceId, call.now()).ifPresent(d -> report(d, c, call));
        } else {
            requireSuccess(reply, p);
            node = parse(reply, p);
            if (node.isArray()) {
                node = node.size() == 0 ? null : node.get(0);
            }
        }
        Map<String, VerifyResponse.Result> results = new LinkedHashMap<>();
        for (Map.Entry<String, String> claim : request.claims().entrySet()) {
            JsonNode value = node == null || !node.isObject() ? null : node.get(p.providerField(claim.getKey()));
            if (value == null || value.isNull() || value.isMissingNode()) {
                results.put(claim.getKey(), VerifyResponse.Result.UNKNOWN);
            } else {
                String held = value.isValueNode() ? value.asString() : value.toString();
                results.put(claim.getKey(), normalized(held).equals(normalized(claim.getValue()))
                        ? VerifyResponse.Result.MATCH : VerifyResponse.Result.NO_MATCH);
            }
        }
        boolean disputed = disputes.of(resourceId, request.key()).isPresent();
        Map<String, String> outcomes = new LinkedHashMap<>();
        results.forEach((item, result) -> outcomes.put(item, result.name()));
        recordAccess(c, call, "VERIFY", OP_VERIFY, List.copyOf(request.claims().keySet()), List.of(), node == null ? 0 : 1,
                List.of(request.key()), null, outcomes);
        return new VerifyResponse(resourceId, request.key(), results, disputed, c.grant().id(),
                c.resource().providerDepartment(), clock.instant());
    }

    /** Trimmed, full-width forms folded to half-width (NFKC), letters compared without case. */
    static String normalized(String value) {
        return Normalizer.normalize(value, Normalizer.Form.NFKC).strip().toLowerCase(Locale.ROOT);
    }

    private Checked check(String resourceId, Call call, GrantPolicy.Use use, Collection<String> items, String key,
                          boolean counts) {
        Caller caller = call.caller();
        if (caller.departmentCode().isEmpty() || !caller.hasRole(Roles.DEPT_CONSUMER)) {
            throw ExchangeException.denied(HttpStatus.FORBIDDEN, "forbidden", "Forbidden",
                    "The exchange serves consumer departments' systems: the token needs the dept-consumer role and a department");
        }
        SharedResource resource = lookups.resource(resourceId).orElseThrow(() -> ExchangeException.denied(
                HttpStatus.NOT_FOUND, "not-found", "Shared resource not found", "Shared resource '" + resourceId + "' does not exist"));
        if (resource.availability() == SharedResource.Availability.WITHDRAWN) {
            throw ExchangeException.denied(HttpStatus.GONE, "resource-withdrawn", "Resource withdrawn",
                    "Resource " + resourceId + " was withdrawn from the catalog; its grants have ended");
        }
        Grant grant = policy.grantFor(resource, call.department(), use, items == null ? List.of() : items, call.now());
        Optional<Instant> blocked = enumeration.blockedUntil(call.crawlerKey(), resourceId, call.now());
        if (blocked.isPresent()) {
            throw ExchangeException.throttled("abnormal-access", "Client " + call.clientId() + " of department "
                            + call.department() + " is blocked on resource " + resourceId + " until " + blocked.get()
                            + ": its calls looked like automated crawling, which QZ 5.3 forbids",
                    Duration.between(call.now(), blocked.get()), Map.of("blockedUntil", blocked.get().toString()));
        }
        if (counts) {
            int perMinute = rates.perMinute(grant);
            RateLimits.Verdict verdict = rates.tryCall(grant.id(), perMinute, call.now().toEpochMilli());
            if (!verdict.allowed()) {
                abnormal.report(new ExchangeEvents.AbnormalAccessDetected(AbnormalAccess.newId(), resourceId,
                        resource.providerDepartment(), call.department(), call.clientId(), grant.id(), "BURST", 60,
                        perMinute, verdict.observed(), new ExchangeEvents.Counts(verdict.observed(), 0, 0, 0),
                        call.now().plus(verdict.retryAfter()), call.now()), call.caller().region());
                throw ExchangeException.throttled("rate-limited", "Grant " + grant.id() + " allows " + perMinute
                                + " calls per minute", verdict.retryAfter(),
                        Map.of("grantId", grant.id(), "ratePerMinute", perMinute));
            }
            long quota = quota(grant);
            if (usage.usedToday(grant.id()) >= quota) {
                ZonedDateTime midnight = LocalDate.now(clock).plusDays(1).atStartOfDay(clock.getZone());
                throw ExchangeException.throttled("daily-quota-exhausted", "Grant " + grant.id() + " allows "
                                + quota + " records per day; today's are used up",
                        Duration.between(call.now(), midnight.toInstant()), Map.of("grantId", grant.id(), "dailyQuota", quota));
            }
            Optional<EnumerationDetector.Detection> detection = enumeration.call(call.crawlerKey(), resourceId, key, call.now());
            if (detection.isPresent()) {
                report(detection.get(), new Checked(resource, grant, null), call);
                throw ExchangeException.throttled("abnormal-access", "Client " + call.clientId() + " is blocked on resource "
                                + resourceId + " until " + detection.get().blockedUntil() + ": " + describe(detection.get())
                                + ", which looks like automated crawling (QZ 5.3)",
                        Duration.between(call.now(), detection.get().blockedUntil()),
                        Map.of("pattern", detection.get().pattern().name(), "blockedUntil", detection.get().blockedUntil().toString()));
            }
        }
        ProviderRegistration provider = lookups.provider(resourceId).orElseThrow(() -> ExchangeException.denied(
                HttpStatus.CONFLICT, "provider-not-registered", "Provider not registered",
                "Department " + resource.providerDepartment() + " has not yet registered how resource " + resourceId + " is served"));
        return new Checked(resource, grant, provider);
    }

    private static String describe(EnumerationDetector.Detection d) {
        return switch (d.pattern()) {
            case SEQUENTIAL_KEYS -> d.observed() + " keys in sequence within " + d.windowSeconds() + " s";
            case DISTINCT_KEYS -> d.observed() + " different records within " + d.windowSeconds() + " s";
            case NOT_FOUND -> d.observed() + " lookups of keys that do not exist within " + d.windowSeconds() + " s";
        };
    }

    private void report(EnumerationDetector.Detection d, Checked c, Call call) {
        abnormal.report(new ExchangeEvents.AbnormalAccessDetected(AbnormalAccess.newId(), c.resource().id(),
                c.resource().providerDepartment(), call.department(), call.clientId(), c.grant().id(), d.pattern().name(),
                d.windowSeconds(), d.threshold(), d.observed(), d.counts(), d.blockedUntil(), call.now()), call.caller().region());
    }

    private long quota(Grant grant) {
        return rates.dailyQuota(grant);
    }

    private static ProviderRegistration apiProvider(Checked c) {
        if (c.provider().mode() != ProviderRegistration.Mode.API) {
            throw ExchangeException.denied(HttpStatus.CONFLICT, "file-mode", "Served as files",
                    "Resource " + c.resource().id() + " is served as files: GET /api/exchange/" + c.resource().id() + "/files");
        }
        return c.provider();
    }

    private static ProviderRegistration fileProvider(Checked c) {
        if (c.provider().mode() != ProviderRegistration.Mode.FILE) {
            throw ExchangeException.denied(HttpStatus.CONFLICT, "api-mode", "Served by API",
                    "Resource " + c.resource().id() + " is served by API: GET /api/exchange/" + c.resource().id() + "/records");
        }
        return c.provider();
    }

    /**
     * Files are served as stored, so a file is within the grant only if it holds no item beyond the
     * grant and every item the provider masks is either masked in the file already or granted in clear.
     */
    private static String fileAllowed(ProviderRegistration.ProviderFile file, Grant grant, ProviderRegistration p) {
        List<String> beyond = file.items().stream().filter(i -> !grant.items().contains(i)).toList();
        if (!beyond.isEmpty()) {
            return "File " + file.fileId() + " also holds " + String.join(", ", beyond) + ", which grant " + grant.id() + " does not cover";
        }
        List<String> clear = file.items().stream().filter(i -> p.maskingOf(i) != Masking.NONE
                && !file.maskedItems().contains(i) && !grant.unmaskedItems().contains(i)).toList();
        if (!clear.isEmpty()) {
            return "File " + file.fileId() + " holds " + String.join(", ", clear) + " in clear, but grant " + grant.id()
                    + " receives them desensitized; the provider must upload a desensitized file";
        }
        return null;
    }

    private static List<String> deliveredItems(Checked c) {
        return c.grant().items().stream().filter(c.resource()::hasItem).toList();
    }

    private ExchangeResponse.ExchangeRecord shape(JsonNode node, Checked c, List<String> delivered, String requestedKey,
                                                  Set<String> masked) {
        ProviderRegistration p = c.provider();
        Grant grant = c.grant();
        Map<String, Object> data = new LinkedHashMap<>();
        String shownKey = requestedKey;
        for (String item : delivered) {
            JsonNode value = node.get(p.providerField(item));
            Masking masking = p.maskingOf(item);
            Object out;
            if (value == null || value.isNull() || value.isMissingNode()) {
                out = null;
            } else if (masking != Masking.NONE && !grant.unmaskedItems().contains(item)) {
                out = masking.apply(value.isValueNode() ? value.asString() : value.toString());
                masked.add(item);
            } else {
                out = value;
            }
            data.put(item, out);
            if (requestedKey == null && item.equals(p.recordKeyField())) {
                shownKey = out == null ? null : out instanceof JsonNode n ? (n.isValueNode() ? n.asString() : n.toString()) : out.toString();
            }
        }
        String raw = rawKey(node, p);
        String recordKey = raw != null ? raw : requestedKey;
        Optional<DisputedRecords.Dispute> dispute = disputes.of(c.resource().id(), recordKey);
        List<String> disputedFields = dispute.map(d -> delivered.stream().filter(d.fields()::contains).toList()).orElse(List.of());
        return new ExchangeResponse.ExchangeRecord(shownKey, dispute.isPresent(), disputedFields, data,
                disputes.pseudonymOf(c.resource().id(), recordKey));
    }

    private static String rawKey(JsonNode node, ProviderRegistration p) {
        if (p.recordKeyField() == null) {
            return null;
        }
        JsonNode key = node.get(p.providerField(p.recordKeyField()));
        return key == null || key.isNull() || !key.isValueNode() ? null : key.asString();
    }

    /**
     * A capped verification is refused before the provider is asked, and reported once, when the cap
     * is first crossed: guessing a masked value one attempt at a time is what the cap stops.
     */
    private ExchangeException verificationCapped(VerificationAttempts.Capped capped, Checked c, Call call) {
        Instant resetsAt = verifications.resetsAt();
        if (capped.observed() == capped.limit() + 1) {
            abnormal.report(new ExchangeEvents.AbnormalAccessDetected(AbnormalAccess.newId(), c.resource().id(),
                    c.resource().providerDepartment(), call.department(), call.clientId(), c.grant().id(), capped.pattern(),
                    86_400, capped.limit(), capped.observed(), new ExchangeEvents.Counts(capped.observed(), 0, 0, 0), resetsAt,
                    call.now()), call.caller().region());
        }
        String what = capped.pattern().equals("VERIFY_ATTEMPTS_PER_KEY")
                ? "allows " + capped.limit() + " verifications of one record per day"
                : "allows " + capped.limit() + " verifications per day";
        return ExchangeException.throttled("verification-capped", "Grant " + c.grant().id() + " " + what
                        + "; more would let a caller guess masked values (可用不可见 is not an oracle)",
                Duration.between(call.now(), resetsAt), Map.of("grantId", c.grant().id(), "pattern", capped.pattern(),
                        "limit", capped.limit(), "retryAt", resetsAt.toString()));
    }

    private void recordAccess(Checked c, Call call, String channel, String operation, List<String> items,
                              Collection<String> masked, int count, List<String> keys, String fileId) {
        recordAccess(c, call, channel, operation, items, masked, count, keys, fileId, null);
    }

    private void recordAccess(Checked c, Call call, String channel, String operation, List<String> items,
                              Collection<String> masked, int count, List<String> keys, String fileId,
                              Map<String, String> verificationResults) {
        Instant at = clock.instant();
        Caller caller = call.caller();
        var access = new DataAccessed(java.util.UUID.randomUUID().toString(), c.resource().id(), c.resource().name(),
                c.resource().providerDepartment(), call.department(), call.clientId(), caller.username(), call.purpose(),
                c.grant().id(), c.grant().kind() == null ? "DATA" : c.grant().kind().name(), c.grant().approvedBy(), channel,
                operation, List.copyOf(items), List.copyOf(masked), count, fileId, RequestIds.current(), at,
                verificationResults == null ? null : Map.copyOf(verificationResults));
        accessLog.record(new AccessLog.AccessRecord(access, caller.region(), keys));
        usage.used(c.grant().id(), count, at);
    }

    private static void requireSuccess(ProviderClient.Reply reply, ProviderRegistration p) {
        if (reply.status() < 200 || reply.status() >= 300) {
            throw ExchangeException.provider(HttpStatus.BAD_GATEWAY, "provider-rejected", "Provider rejected the call",
                    "The provider of resource " + p.id() + " answered " + reply.status()
                            + (reply.status() == 401 || reply.status() == 403
                            ? "; the platform's credential for it may be missing or wrong (operators: " + "govdata.exchange.provider-credentials)" : ""),
                    null);
        }
    }

    private JsonNode parse(ProviderClient.Reply reply, ProviderRegistration p) {
        try {
            return json.readTree(reply.body());
        } catch (JacksonException e) {
            throw badResponse(p, "not valid JSON");
        }
    }

    private static ExchangeException badResponse(ProviderRegistration p, String why) {
        return ExchangeException.provider(HttpStatus.BAD_GATEWAY, "provider-bad-response", "Provider answered unexpectedly",
                "The provider of resource " + p.id() + " answered with something the exchange cannot use: " + why, null);
    }
}
