package cn.govdata.sharing.provider;

import cn.govdata.domain.DomainModel;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How the providing department serves one shared resource through the exchange: its own API,
 * which the platform re-wraps (QZ 2.3), or files and table snapshots uploaded to the platform. The
 * masking rules say how each item is desensitized for consumers whose grant does not list it as
 * unmasked. Credentials for the provider's API are never stored here: they come from configuration
 * ({@code govdata.exchange.provider-credentials.<resourceId>}).
 *
 * @param id             the resource id: one registration per resource
 * @param endpoint       one record by key, with a {@code {key}} placeholder
 * @param listEndpoint   a page of records; consumer filters are passed on as query parameters
 * @param timeoutMillis  how long one provider call may take
 * @param recordKeyField the item that identifies a record (e.g. 公民身份号码)
 * @param fields         provider field names where they differ from the item names
 * @param maxConcurrent  calls in flight to this provider at most (bulkhead)
 * @param version        the stored version this registration was read at (null before it is first saved);
 *                       {@link ProviderRegistrationDocument} is how it is stored
 */
@DomainModel
public record ProviderRegistration(
        String id,
        String providerDepartment,
        Mode mode,
        String endpoint,
        String listEndpoint,
        long timeoutMillis,
        String recordKeyField,
        List<FieldName> fields,
        List<MaskingRule> masking,
        int maxConcurrent,
        List<ProviderFile> files,
        String registeredBy,
        Instant registeredAt,
        Instant updatedAt,
        Long version) {

    public enum Mode {
        API, FILE
    }

    /** Stored as a list, not a map: item names are free text and may contain characters MongoDB forbids in keys. */
    public record MaskingRule(String item, Masking masking) {
    }

    public record FieldName(String item, String providerField) {
    }

    /**
     * An uploaded file or table snapshot. {@code items} are the data items it contains;
     * {@code maskedItems} those it already holds desensitized (the exchange serves files as they are).
     */
    public record ProviderFile(String fileId, String name, String contentType, long size, String sha256, List<String> items,
                               List<String> maskedItems, String uploadedBy, Instant uploadedAt) {
        public ProviderFile {
            items = items == null ? List.of() : List.copyOf(items);
            maskedItems = maskedItems == null ? List.of() : List.copyOf(maskedItems);
        }
    }

    public ProviderRegistration {
        fields = fields == null ? List.of() : List.copyOf(fields);
        masking = masking == null ? List.of() : List.copyOf(masking);
        files = files == null ? List.of() : List.copyOf(files);
    }

    public Duration timeout() {
        return Duration.ofMillis(timeoutMillis);
    }

    /** The item's masking; items without a rule are delivered as the provider holds them. */
    public Masking maskingOf(String item) {
        for (MaskingRule rule : masking) {
            if (rule.item().equals(item)) {
                return rule.masking();
            }
        }
        return Masking.NONE;
    }

    public Map<String, Masking> maskingRules() {
        Map<String, Masking> rules = new LinkedHashMap<>();
        masking.forEach(r -> rules.put(r.item(), r.masking()));
        return rules;
    }

    /** The field in the provider's records that carries the item. */
    public String providerField(String item) {
        for (FieldName field : fields) {
            if (field.item().equals(item)) {
                return field.providerField();
            }
        }
        return item;
    }

    public Map<String, String> fieldNames() {
        Map<String, String> names = new LinkedHashMap<>();
        fields.forEach(f -> names.put(f.item(), f.providerField()));
        return names;
    }

    public Optional<ProviderFile> file(String fileId) {
        return files.stream().filter(f -> f.fileId().equals(fileId)).findFirst();
    }
}
