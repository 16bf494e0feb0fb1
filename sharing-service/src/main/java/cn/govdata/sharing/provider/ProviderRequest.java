package cn.govdata.sharing.provider;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.Map;

/**
 * What the providing department's data officer registers for a resource.
 *
 * @param endpoint       API mode: one record by key, e.g. {@code https://psb.example/api/people/{key}}
 * @param listEndpoint   API mode: a page of records; consumer filters arrive as query parameters
 * @param timeout        e.g. {@code 2s}, {@code 500ms} or {@code PT2S}; the platform default when absent
 * @param recordKeyField the data item that identifies a record
 * @param masking        per data item: ID_NUMBER, PHONE, NAME, ADDRESS, EMAIL or NONE
 * @param fields         provider field names that differ from the item names
 * @param maxConcurrent  calls in flight to the provider at most
 */
record ProviderRequest(
        @NotNull ProviderRegistration.Mode mode,
        @Size(max = 2000) String endpoint,
        @Size(max = 2000) String listEndpoint,
        @Size(max = 40) String timeout,
        @Size(max = 200) String recordKeyField,
        @Size(max = 500) Map<@NotBlank @Size(max = 200) String, @NotNull Masking> masking,
        @Size(max = 500) Map<@NotBlank @Size(max = 200) String, @NotBlank @Size(max = 200) String> fields,
        @Min(1) @Max(1000) Integer maxConcurrent) {

    ProviderRequest {
        masking = masking == null ? Map.of() : masking;
        fields = fields == null ? Map.of() : fields;
    }
}
