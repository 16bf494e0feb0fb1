package cn.govdata.sharing.provider;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.TypeAlias;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.util.List;

/**
 * Storage shape of a provider registration: its fields at the top level as before the split, and the
 * version a save is conditional on. The type alias keeps the {@code _class} hint that registrations
 * stored earlier carry.
 */
@Document(ProviderRegistrationDocument.COLLECTION)
@TypeAlias("cn.govdata.sharing.provider.ProviderRegistration")
record ProviderRegistrationDocument(
        @Id String id,
        String providerDepartment,
        ProviderRegistration.Mode mode,
        String endpoint,
        String listEndpoint,
        long timeoutMillis,
        String recordKeyField,
        List<ProviderRegistration.FieldName> fields,
        List<ProviderRegistration.MaskingRule> masking,
        int maxConcurrent,
        List<ProviderRegistration.ProviderFile> files,
        String registeredBy,
        Instant registeredAt,
        Instant updatedAt,
        @Version Long version) {

    static final String COLLECTION = "exchange_providers";

    static ProviderRegistrationDocument from(ProviderRegistration r) {
        return new ProviderRegistrationDocument(r.id(), r.providerDepartment(), r.mode(), r.endpoint(), r.listEndpoint(),
                r.timeoutMillis(), r.recordKeyField(), r.fields(), r.masking(), r.maxConcurrent(), r.files(), r.registeredBy(),
                r.registeredAt(), r.updatedAt(), r.version());
    }

    ProviderRegistration toDomain() {
        return new ProviderRegistration(id, providerDepartment, mode, endpoint, listEndpoint, timeoutMillis, recordKeyField,
                fields, masking, maxConcurrent, files, registeredBy, registeredAt, updatedAt, version);
    }
}
