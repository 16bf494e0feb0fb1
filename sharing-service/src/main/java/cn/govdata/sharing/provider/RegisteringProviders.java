package cn.govdata.sharing.provider;

import cn.govdata.domain.Refusal;
import cn.govdata.platform.security.Caller;
import cn.govdata.platform.security.Roles;
import cn.govdata.sharing.resource.Resources;
import cn.govdata.sharing.resource.SharedResource;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.stereotype.Service;
import org.springframework.web.multipart.MultipartFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A providing department says how its resource is served through the exchange: by its own API
 * (re-wrapped by the platform, QZ 2.3) or by files and table snapshots uploaded here, and how each
 * item is desensitized. Only the department's data officer may do so for its own resources.
 */
@Service
class RegisteringProviders {

    static final String KEY_PLACEHOLDER = "{key}";
    // Query parameters that would carry a credential inside the URL, where logs and registrations would keep it.
    private static final Set<String> SECRET_PARAMETERS = Set.of("password", "passwd", "pwd", "secret", "token",
            "access_token", "apikey", "api_key", "api-key", "client_secret", "auth", "signature", "sig");

    private final Resources resources;
    private final Providers providers;
    private final ProviderFiles files;
    private final ProviderCredentials credentials;
    private final ProviderProperties properties;
    private final ProviderAddresses addresses;
    private final Clock clock;

    RegisteringProviders(Resources resources, Providers providers, ProviderFiles files, ProviderCredentials credentials,
                         ProviderProperties properties, ProviderAddresses addresses, Clock clock) {
        this.resources = resources;
        this.providers = providers;
        this.files = files;
        this.credentials = credentials;
        this.properties = properties;
        this.addresses = addresses;
        this.clock = clock;
    }

    ProviderView register(String resourceId, ProviderRequest request, Caller caller) {
        SharedResource resource = resources.available(resourceId);
        requireOwnOfficer(resource, caller);
        ProviderRegistration existing = providers.find(resourceId).orElse(null);
        Instant now = clock.instant();

        var masking = new ArrayList<ProviderRegistration.MaskingRule>();
        request.masking().forEach((item, rule) -> {
            requireItem(resource, "masking." + item, item);
            masking.add(new ProviderRegistration.MaskingRule(item, rule));
        });
        String endpoint = null;
        String listEndpoint = null;
        String keyField = null;
        long timeoutMillis = 0;
        var fields = new ArrayList<ProviderRegistration.FieldName>();
        if (request.mode() == ProviderRegistration.Mode.API) {
            endpoint = blankToNull(request.endpoint());
            listEndpoint = blankToNull(request.listEndpoint());
            if (endpoint == null && listEndpoint == null) {
                throw Refusal.invalidField("endpoint", "API mode needs an endpoint (record by key) or a listEndpoint (query)");
            }
            if (endpoint != null) {
                validUrl("endpoint", endpoint, true);
            }
            if (listEndpoint != null) {
                validUrl("listEndpoint", listEndpoint, false);
            }
            keyField = blankToNull(request.recordKeyField());
            if (keyField == null) {
                throw Refusal.invalidField("recordKeyField", "must name the data item that identifies a record");
            }
            requireItem(resource, "recordKeyField", keyField);
            timeoutMillis = timeout(request.timeout()).toMillis();
            request.fields().forEach((item, providerField) -> {
                requireItem(resource, "fields." + item, item);
                fields.add(new ProviderRegistration.FieldName(item, providerField.strip()));
            });
        }
        // No default to clear: every personal or sensitive item names how it is masked (PIPL 第五十一条);
        // clear delivery is a grant's decision by the provider's approver, never the registration's.
        for (SharedResource.Item item : resource.dataItems()) {
            if (!item.personal() && !item.sensitive()) {
                continue;
            }
            Masking rule = request.masking().get(item.name());
            if (rule == null) {
                throw Refusal.invalidField("masking." + item.name(), "'" + item.name() + "' is "
                        + (item.sensitive() ? "sensitive" : "personal") + " in the catalog and needs a masking rule");
            }
            if (rule == Masking.NONE) {
                throw Refusal.invalidField("masking." + item.name(), "'" + item.name() + "' is "
                        + (item.sensitive() ? "sensitive" : "personal") + " in the catalog: NONE would deliver it in clear "
                        + "under every grant; choose a masking rule (clear delivery is decided per grant by the approver)");
            }
        }

        int maxConcurrent = request.maxConcurrent() == null ? properties.defaultMaxConcurrent() : request.maxConcurrent();
        var registration = new ProviderRegistration(resourceId, resource.providerDepartment(), request.mode(), endpoint,
                listEndpoint, timeoutMillis, keyField, fields, masking, maxConcurrent,
                existing == null ? List.of() : existing.files(),
                existing == null ? caller.actor() : existing.registeredBy(),
                existing == null ? now : existing.registeredAt(), now,
                existing == null ? null : existing.version());
        return ProviderView.of(providers.save(registration), credentials.configured(resourceId));
    }

    ProviderView view(String resourceId, Caller caller) {
        SharedResource resource = resources.find(resourceId).orElseThrow(() -> Resources.unknown(resourceId));
        if (!isOwnOfficer(resource, caller) && !caller.hasRole(Roles.BUREAU_REVIEWER) && !caller.hasRole(Roles.PLATFORM_OPERATOR)) {
            throw Refusal.forbidden("Only the providing department's data officer and the bureau see how a resource is served");
        }
        return ProviderView.of(registration(resourceId), credentials.configured(resourceId));
    }

    ProviderView.FileView upload(String resourceId, MultipartFile upload, List<String> items, List<String> maskedItems,
                                 Caller caller) {
        SharedResource resource = resources.available(resourceId);
        requireOwnOfficer(resource, caller);
        ProviderRegistration registration = registration(resourceId);
        if (registration.mode() != ProviderRegistration.Mode.FILE) {
            throw Refusal.conflict("not-file-mode", "Resource " + resourceId
                    + " is served by API; register {\"mode\":\"FILE\"} before uploading files");
        }
        if (upload == null || upload.isEmpty()) {
            throw Refusal.invalidField("file", "must be a non-empty file part");
        }
        List<String> fileItems = items == null || items.isEmpty() ? resource.itemNames() : distinct(items);
        fileItems.forEach(i -> requireItem(resource, "items", i));
        List<String> masked = maskedItems == null ? List.of() : distinct(maskedItems);
        masked.forEach(i -> {
            if (!fileItems.contains(i)) {
                throw Refusal.invalidField("maskedItems", "'" + i + "' is not one of the file's items");
            }
        });
        String name = fileName(upload.getOriginalFilename());
        String contentType = upload.getContentType() == null ? "application/octet-stream" : upload.getContentType();
        ProviderFiles.Stored stored;
        try {
            stored = files.store(resourceId, name, contentType, upload.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException("Storing " + name + " for " + resourceId + " failed", e);
        }
        var file = new ProviderRegistration.ProviderFile(stored.id(), name, contentType, stored.size(), stored.sha256(),
                fileItems, masked, caller.actor(), clock.instant());
        if (!providers.addFile(resourceId, file)) {
            files.delete(stored.id());
            throw Refusal.notFound("Provider registration", resourceId);
        }
        return ProviderView.FileView.of(file);
    }

    List<ProviderView.FileView> files(String resourceId, Caller caller) {
        return view(resourceId, caller).files();
    }

    void deleteFile(String resourceId, String fileId, Caller caller) {
        SharedResource resource = resources.find(resourceId).orElseThrow(() -> Resources.unknown(resourceId));
        requireOwnOfficer(resource, caller);
        if (registration(resourceId).file(fileId).isEmpty()) {
            throw Refusal.notFound("File", fileId);
        }
        providers.removeFile(resourceId, fileId);
        files.delete(fileId);
    }

    private ProviderRegistration registration(String resourceId) {
        return providers.find(resourceId).orElseThrow(() -> Refusal.notFound("Provider registration", resourceId));
    }

    private void requireOwnOfficer(SharedResource resource, Caller caller) {
        if (!isOwnOfficer(resource, caller)) {
            throw Refusal.forbidden("Only a data officer of " + resource.providerDepartment()
                    + " registers how resource " + resource.id() + " is served");
        }
    }

    private static boolean isOwnOfficer(SharedResource resource, Caller caller) {
        return caller.hasRole(Roles.DEPT_DATA_OFFICER)
                && caller.departmentCode().map(resource.providerDepartment()::equals).orElse(false);
    }

    private static void requireItem(SharedResource resource, String field, String item) {
        if (!resource.hasItem(item)) {
            throw Refusal.invalidField(field, "'" + item + "' is not a data item of resource " + resource.id()
                    + " (items: " + String.join(", ", resource.itemNames()) + ")");
        }
    }

    private Duration timeout(String given) {
        if (given == null || given.isBlank()) {
            return properties.defaultTimeout();
        }
        Duration timeout;
        try {
            timeout = DurationStyle.detectAndParse(given.strip());
        } catch (IllegalArgumentException e) {
            throw Refusal.invalidField("timeout", "must be a duration such as 2s, 500ms or PT2S");
        }
        if (timeout.compareTo(Duration.ofMillis(100)) < 0 || timeout.compareTo(properties.maxTimeout()) > 0) {
            throw Refusal.invalidField("timeout", "must be between 100ms and " + properties.maxTimeout().toSeconds() + "s");
        }
        return timeout;
    }

    /** http(s) only, a host, no user info or secrets in the URL, and a {key} placeholder exactly where required. */
    private void validUrl(String field, String url, boolean needsKey) {
        int placeholders = count(url, KEY_PLACEHOLDER);
        if (needsKey && placeholders != 1) {
            throw Refusal.invalidField(field, "must contain the placeholder {key} exactly once, e.g. https://psb.example/api/people/{key}");
        }
        if (!needsKey && placeholders != 0) {
            throw Refusal.invalidField(field, "must not contain {key}: consumer filters are sent as query parameters");
        }
        URI uri;
        try {
            uri = new URI(url.replace(KEY_PLACEHOLDER, "key"));
        } catch (URISyntaxException e) {
            throw Refusal.invalidField(field, "is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw Refusal.invalidField(field, "must be an http or https URL");
        }
        if (uri.getRawUserInfo() != null || (uri.getRawAuthority() != null && uri.getRawAuthority().contains("@"))) {
            throw Refusal.invalidField(field, "must not contain credentials; configure them as "
                    + ProviderCredentials.PREFIX + "[<resourceId>]");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw Refusal.invalidField(field, "must name a host");
        }
        if (uri.getRawFragment() != null) {
            throw Refusal.invalidField(field, "must not have a fragment");
        }
        if (uri.getRawQuery() != null) {
            for (String parameter : uri.getRawQuery().split("&")) {
                String name = parameter.split("=", 2)[0].toLowerCase(Locale.ROOT);
                if (SECRET_PARAMETERS.contains(name)) {
                    throw Refusal.invalidField(field, "must not carry a credential in the query ('" + name
                            + "'); configure it as " + ProviderCredentials.PREFIX + "[<resourceId>]");
                }
            }
        }
        var verdict = addresses.check(uri);
        if (!verdict.allowed()) {
            throw Refusal.invalidField(field, verdict.refusal().get());
        }
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
            n++;
        }
        return n;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static List<String> distinct(List<String> values) {
        var set = new LinkedHashSet<String>();
        values.stream().flatMap(v -> java.util.Arrays.stream(v.split(","))).map(String::strip).filter(v -> !v.isEmpty())
                .forEach(set::add);
        return List.copyOf(set);
    }

    private static String fileName(String original) {
        if (original == null || original.isBlank()) {
            return "file";
        }
        String name = original.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1).replaceAll("[\\p{Cntrl}\"]", "_").strip();
        if (name.isEmpty()) {
            return "file";
        }
        return name.length() > 200 ? name.substring(name.length() - 200) : name;
    }
}
