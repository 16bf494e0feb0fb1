package cn.govdata.sharing.provider;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The credential the platform presents to a provider's API, by resource id, from configuration
 * only ({@code govdata.exchange.provider-credentials[<resourceId>]=Bearer …}, best from a secret
 * mounted as a config tree). The value is sent as the {@code Authorization} header; it is never
 * written to the database, logged or returned by any endpoint.
 */
@Component
public class ProviderCredentials {

    public static final String PREFIX = "govdata.exchange.provider-credentials";

    private final Map<String, String> byResource;

    public ProviderCredentials(Environment environment) {
        this.byResource = Binder.get(environment).bind(PREFIX, Bindable.mapOf(String.class, String.class))
                .orElse(Map.of());
    }

    public Optional<String> authorizationFor(String resourceId) {
        String value = byResource.get(resourceId);
        if (value == null) {
            // Relaxed binding may have lower-cased a key given without brackets.
            value = byResource.get(resourceId.toLowerCase(Locale.ROOT));
        }
        return Optional.ofNullable(value).filter(v -> !v.isBlank());
    }

    public boolean configured(String resourceId) {
        return authorizationFor(resourceId).isPresent();
    }
}
