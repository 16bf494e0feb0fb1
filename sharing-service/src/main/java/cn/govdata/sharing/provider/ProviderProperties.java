package cn.govdata.sharing.provider;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.List;

/**
 * Limits on what a providing department may register.
 *
 * @param defaultTimeout       a provider call's time limit when the registration names none
 * @param maxTimeout           the longest time limit a registration may ask for
 * @param defaultMaxConcurrent calls in flight to one provider when the registration names no limit
 * @param allowedHosts         host names provider endpoints may point to ({@code *.example.gov.cn} for a
 *                             domain); empty allows any host. Production lists the e-government network's
 *                             domains so a registration cannot aim the platform at internal services.
 */
@ConfigurationProperties("govdata.exchange.providers")
public record ProviderProperties(Duration defaultTimeout, Duration maxTimeout, int defaultMaxConcurrent,
                                 List<String> allowedHosts) {

    public ProviderProperties {
        defaultTimeout = defaultTimeout == null ? Duration.ofSeconds(2) : defaultTimeout;
        maxTimeout = maxTimeout == null ? Duration.ofSeconds(30) : maxTimeout;
        defaultMaxConcurrent = defaultMaxConcurrent <= 0 ? 64 : defaultMaxConcurrent;
        allowedHosts = allowedHosts == null ? List.of() : List.copyOf(allowedHosts);
    }

    boolean hostAllowed(String host) {
        if (allowedHosts.isEmpty()) {
            return true;
        }
        String h = host.toLowerCase(java.util.Locale.ROOT);
        return allowedHosts.stream().map(a -> a.toLowerCase(java.util.Locale.ROOT)).anyMatch(a ->
                a.startsWith("*.") ? h.endsWith(a.substring(1)) : h.equals(a));
    }
}
