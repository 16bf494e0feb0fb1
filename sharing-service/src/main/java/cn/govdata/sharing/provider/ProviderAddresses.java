package cn.govdata.sharing.provider;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Component;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a provider endpoint may point (no SSRF): the host's addresses are resolved and every one is
 * checked, at registration and again before each call. Never the platform's own services (its own
 * port, Eureka, {@code govdata.exchange.providers.platform-addresses}); never loopback, link-local
 * (169.254.0.0/16 holds cloud metadata services, fe80::/10), unspecified or multicast addresses
 * unless the allow-list names that exact {@code address:port} (the local stack's simulated provider
 * on 127.0.0.1); and, when the allow-list is not empty, only hosts, networks (CIDR) or
 * {@code address:port} entries on it. The production profile refuses to start with an empty list.
 *
 * <p>The host is resolved once per check, and the exchange connects to exactly the addresses the
 * check returned ({@link Verdict#addresses()}): nothing resolves the name again between the check and
 * the connection, so a name cannot be re-pointed there (DNS rebinding).
 */
@Component
public class ProviderAddresses {

    /** Why an endpoint's host is refused, for the problem detail; empty when it may be called. */
    public record Verdict(Optional<String> refusal, List<InetAddress> addresses) {
        public boolean allowed() {
            return refusal.isEmpty();
        }
    }

    /** Name resolution, replaceable in tests (a name that answers differently the second time). */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private static final String ALLOW = "govdata.exchange.providers.allow";
    private static final String ALLOWED_HOSTS = "govdata.exchange.providers.allowed-hosts";

    /**
     * The allow-list as last bound, with the two system properties as they were then. Binding it
     * from the environment on every check cost about 5 % of the service's CPU on the exchange (JFR,
     * issue 15), so it is bound at start-up and again when the environment changes: a Spring Cloud
     * refresh ({@link EnvironmentChangeEvent}) or either key set as a system property (what an
     * operator's or a test harness's JVM-wide setting looks like; comparing two strings per check
     * notices it).
     */
    private record AllowList(List<String> entries, String allowProperty, String allowedHostsProperty) {
    }

    /** One of the platform's own {@code host:port}. */
    private record OwnAddress(String host, String port) {
    }

    private final Environment environment;
    private final List<OwnAddress> platform;
    private final Resolver resolver;
    private volatile AllowList allow;

    @Autowired
    public ProviderAddresses(ProviderProperties properties, Environment environment) {
        this(properties, environment, InetAddress::getAllByName);
    }

    public ProviderAddresses(ProviderProperties properties, Environment environment, Resolver resolver) {
        this.environment = environment;
        this.resolver = resolver;
        List<String> own = new ArrayList<>(properties.platformAddresses());
        String port = environment.getProperty("server.port", "8080");
        own.add(environment.getProperty("server.address", "127.0.0.1") + ":" + port);
        own.add("localhost:" + port);
        // The actuator's own port when it has one (management.server.port): never a provider either.
        String management = environment.getProperty("management.server.port");
        if (management != null && !management.isBlank() && !management.strip().equals(port)) {
            own.add(environment.getProperty("management.server.address", "127.0.0.1") + ":" + management.strip());
            own.add("localhost:" + management.strip());
        }
        String eureka = environment.getProperty("eureka.client.service-url.defaultZone",
                environment.getProperty("eureka.client.serviceUrl.defaultZone", ""));
        for (String zone : eureka.split(",")) {
            try {
                URI uri = URI.create(zone.strip());
                if (uri.getHost() != null) {
                    own.add(uri.getHost() + ":" + (uri.getPort() > 0 ? uri.getPort() : 80));
                }
            } catch (IllegalArgumentException e) {
                // Not a URL: Eureka would not use it either.
            }
        }
        this.platform = own.stream().map(ProviderAddresses::ownAddress).filter(Objects::nonNull).toList();
        refresh();
        if (allow().isEmpty() && environment.acceptsProfiles(Profiles.of("prod", "production"))) {
            throw new IllegalStateException("govdata.exchange.providers.allow is empty: in production the exchange only calls "
                    + "provider hosts or networks listed there (e.g. *.njzwfw.gov.cn, 10.20.0.0/16)");
        }
    }

    /**
     * The allow-list as configured now: as bound at start-up or the last refresh, bound again first
     * when either key's system property differs from what that binding saw, so a list an operator (or
     * a test harness) sets as a system property applies from the next check, without a restart.
     */
    private List<String> allow() {
        AllowList current = allow;
        if (!Objects.equals(current.allowProperty(), System.getProperty(ALLOW))
                || !Objects.equals(current.allowedHostsProperty(), System.getProperty(ALLOWED_HOSTS))) {
            current = refresh();
        }
        return current.entries();
    }

    /** Binds the allow-list from the environment again (after a Spring Cloud refresh changed it). */
    @EventListener(EnvironmentChangeEvent.class)
    public void environmentChanged() {
        refresh();
    }

    private synchronized AllowList refresh() {
        // Read before binding: a change made while binding differs from these and binds again.
        String allowProperty = System.getProperty(ALLOW);
        String allowedHostsProperty = System.getProperty(ALLOWED_HOSTS);
        Binder binder = Binder.get(environment);
        List<String> entries = new ArrayList<>(binder.bind(ALLOWED_HOSTS, Bindable.listOf(String.class)).orElse(List.of()));
        entries.addAll(binder.bind(ALLOW, Bindable.listOf(String.class)).orElse(List.of()));
        AllowList bound = new AllowList(entries.stream().map(a -> a.strip().toLowerCase(Locale.ROOT)).filter(a -> !a.isEmpty()).toList(),
                allowProperty, allowedHostsProperty);
        this.allow = bound;
        return bound;
    }

    /** Resolves the URL's host once and checks every address it has. */
    public Verdict check(URI uri) {
        String host = uri.getHost();
        if (host == null || host.isBlank()) {
            return refused("names no host");
        }
        int port = uri.getPort() > 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        return check(host, port);
    }

    /**
     * Resolves {@code host} once and checks every address it has; the verdict's addresses are the only
     * ones a connection to this host and port may use.
     */
    public Verdict check(String host, int port) {
        List<String> allow = allow();
        if (host == null || host.isBlank()) {
            return refused("names no host");
        }
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        InetAddress[] resolved;
        try {
            resolved = resolver.resolve(bare);
            if (resolved == null || resolved.length == 0) {
                return refused("host " + host + " does not resolve");
            }
        } catch (UnknownHostException e) {
            return refused("host " + host + " does not resolve");
        }
        for (InetAddress address : resolved) {
            String ip = address.getHostAddress();
            if (platformOwn(address, port)) {
                return refused("host " + host + " resolves to " + ip + ":" + port + ", one of the platform's own services");
            }
            boolean exact = allow.contains(literal(address) + ":" + port);
            if (internal(address) && !exact) {
                return refused("host " + host + " resolves to " + ip + ", a " + kind(address) + " address; the exchange "
                        + "calls such an address only when govdata.exchange.providers.allow names it with its port");
            }
            if (!allow.isEmpty() && !exact && !listed(allow, bare, address, port)) {
                return refused("host " + host + " (" + ip + ") is not on the platform's list of provider hosts and networks");
            }
        }
        return new Verdict(Optional.empty(), List.of(resolved));
    }

    private static Verdict refused(String why) {
        return new Verdict(Optional.of(why), List.of());
    }

    /** {@code host:port} split once; null without a colon (it could never match a call). */
    private static OwnAddress ownAddress(String entry) {
        int colon = entry.lastIndexOf(':');
        return colon <= 0 ? null : new OwnAddress(entry.substring(0, colon).replace("[", "").replace("]", ""),
                entry.substring(colon + 1));
    }

    private boolean platformOwn(InetAddress address, int port) {
        for (OwnAddress entry : platform) {
            if (!entry.port().equals(Integer.toString(port))) {
                continue;
            }
            try {
                // Resolved on each check, as the provider's host is: a name may point elsewhere now.
                for (InetAddress own : InetAddress.getAllByName(entry.host())) {
                    if (own.equals(address) || (own.isAnyLocalAddress() && internal(address))) {
                        return true;
                    }
                }
            } catch (UnknownHostException e) {
                // An own address that does not resolve cannot be reached either.
            }
        }
        return false;
    }

    private static boolean listed(List<String> allow, String host, InetAddress address, int port) {
        String h = host.toLowerCase(Locale.ROOT);
        for (String entry : allow) {
            if (entry.contains("/")) {
                if (inNetwork(address, entry)) {
                    return true;
                }
            } else if (entry.startsWith("*.")) {
                if (h.endsWith(entry.substring(1))) {
                    return true;
                }
            } else if (entry.equals(h) || entry.equals(h + ":" + port) || entry.equals(literal(address))) {
                return true;
            }
        }
        return false;
    }

    static boolean internal(InetAddress address) {
        return address.isLoopbackAddress() || address.isLinkLocalAddress() || address.isAnyLocalAddress()
                || address.isMulticastAddress() || mappedInternal(address);
    }

    /** ::ffff:127.0.0.1 and the like reach the IPv4 address behind them. */
    private static boolean mappedInternal(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return false;
        }
        byte[] b = address.getAddress();
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        if ((b[10] != (byte) 0xff || b[11] != (byte) 0xff) && (b[10] != 0 || b[11] != 0)) {
            return false;
        }
        try {
            return internal(InetAddress.getByAddress(new byte[]{b[12], b[13], b[14], b[15]}));
        } catch (UnknownHostException e) {
            return true;
        }
    }

    private static String kind(InetAddress address) {
        if (address.isLoopbackAddress()) {
            return "loopback";
        }
        if (address.isLinkLocalAddress()) {
            return "link-local";
        }
        if (address.isAnyLocalAddress()) {
            return "unspecified";
        }
        return address.isMulticastAddress() ? "multicast" : "internal";
    }

    private static String literal(InetAddress address) {
        String ip = address.getHostAddress();
        int zone = ip.indexOf('%');
        ip = zone >= 0 ? ip.substring(0, zone) : ip;
        return address instanceof Inet6Address ? "[" + ip + "]" : ip;
    }

    static boolean inNetwork(InetAddress address, String cidr) {
        int slash = cidr.indexOf('/');
        try {
            byte[] network = InetAddress.getByName(cidr.substring(0, slash).replace("[", "").replace("]", "")).getAddress();
            byte[] candidate = address.getAddress();
            int bits = Integer.parseInt(cidr.substring(slash + 1));
            if (network.length != candidate.length || bits < 0 || bits > network.length * 8) {
                return false;
            }
            for (int i = 0; i < bits; i++) {
                int mask = 0x80 >> (i % 8);
                if ((network[i / 8] & mask) != (candidate[i / 8] & mask)) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException | NumberFormatException e) {
            return false;
        }
    }
}
