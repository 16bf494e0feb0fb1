package cn.govdata.sharing.provider;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A registration as its department and the bureau see it; the credential itself is never shown. */
record ProviderView(String resourceId, String providerDepartment, ProviderRegistration.Mode mode, String endpoint,
                    String listEndpoint, String timeout, String recordKeyField, Map<String, String> fields,
                    Map<String, Masking> masking, int maxConcurrent, boolean credentialConfigured, List<FileView> files,
                    String registeredBy, Instant registeredAt, Instant updatedAt) {

    record FileView(String fileId, String name, String contentType, long size, String sha256, List<String> items,
                    List<String> maskedItems, String uploadedBy, Instant uploadedAt) {

        static FileView of(ProviderRegistration.ProviderFile f) {
            return new FileView(f.fileId(), f.name(), f.contentType(), f.size(), f.sha256(), f.items(), f.maskedItems(),
                    f.uploadedBy(), f.uploadedAt());
        }
    }

    static ProviderView of(ProviderRegistration r, boolean credentialConfigured) {
        return new ProviderView(r.id(), r.providerDepartment(), r.mode(), r.endpoint(), r.listEndpoint(),
                r.mode() == ProviderRegistration.Mode.API ? r.timeout().toString() : null, r.recordKeyField(),
                r.fieldNames(), r.maskingRules(), r.maxConcurrent(), credentialConfigured,
                r.files().stream().map(FileView::of).toList(), r.registeredBy(), r.registeredAt(), r.updatedAt());
    }
}
