package cn.govdata.sharing.provider;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;

import java.time.Duration;
import java.util.List;

/**
 * Limits on what a providing department may register.
 *
 * @param defaultTimeout       a provider call's time limit when the registration names none
 * @param maxTimeout           the longest time limit a registration may ask for
 * @param defaultMaxConcurrent calls in flight to one provider when the registration names no limit
 * @param allowedHosts         older name of {@code allow}, merged into it
 * @param allow                where provider endpoints may point: host names ({@code *.example.gov.cn} for a
 *                             domain), networks ({@code 10.20.0.0/16}) or one {@code address:port}; the only way
 *                             to allow a loopback or link-local address is its exact {@code address:port}.
 *                             Empty allows any host that is not internal; the production profile needs a list
 *                             (see {@link ProviderAddresses})
 * @param platformAddresses    {@code host:port} of the platform's own services, never called as providers
 *                             (the service's own port and Eureka's are added by themselves)
 */
@ConfigurationProperties("govdata.exchange.providers")
public record ProviderProperties(Duration defaultTimeout, Duration maxTimeout, int defaultMaxConcurrent,
                                 List<String> allowedHosts, List<String> allow, List<String> platformAddresses) {

    @ConstructorBinding
    public ProviderProperties {
        defaultTimeout = defaultTimeout == null ? Duration.ofSeconds(2) : defaultTimeout;
        maxTimeout = maxTimeout == null ? Duration.ofSeconds(30) : maxTimeout;
        defaultMaxConcurrent = defaultMaxConcurrent <= 0 ? 64 : defaultMaxConcurrent;
        allowedHosts = allowedHosts == null ? List.of() : List.copyOf(allowedHosts);
        var merged = new java.util.ArrayList<String>(allowedHosts);
        if (allow != null) {
            merged.addAll(allow);
        }
        allow = List.copyOf(merged);
        platformAddresses = platformAddresses == null ? List.of() : List.copyOf(platformAddresses);
    }

    /** The original shape, kept for code written against it. */
    public ProviderProperties(Duration defaultTimeout, Duration maxTimeout, int defaultMaxConcurrent, List<String> allowedHosts) {
        this(defaultTimeout, maxTimeout, defaultMaxConcurrent, allowedHosts, null, null);
    }
}
