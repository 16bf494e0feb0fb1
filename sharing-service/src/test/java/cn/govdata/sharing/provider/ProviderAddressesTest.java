package cn.govdata.sharing.provider;

import org.junit.jupiter.api.Test;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.mock.env.MockEnvironment;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProviderAddressesTest {

    private static ProviderAddresses addresses(String allow) {
        var environment = new MockEnvironment().withProperty("server.port", "8082")
                .withProperty("eureka.client.serviceUrl.defaultZone", "http://127.0.0.1:8761/eureka/");
        if (allow != null) {
            environment.setProperty("govdata.exchange.providers.allow", allow);
        }
        return new ProviderAddresses(new ProviderProperties(null, null, 0, null), environment);
    }

    private static String refusal(ProviderAddresses addresses, String url) {
        return addresses.check(URI.create(url)).refusal().orElse(null);
    }

    @Test
    void theProductionProfileRefusesToStartWithoutAnAllowList() {
        var environment = new MockEnvironment();
        environment.setActiveProfiles("prod");
        assertThatThrownBy(() -> new ProviderAddresses(new ProviderProperties(null, null, 0, null), environment))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("govdata.exchange.providers.allow");
        environment.setProperty("govdata.exchange.providers.allow", "10.20.0.0/16");
        assertThat(new ProviderAddresses(new ProviderProperties(null, null, 0, null), environment)).isNotNull();
    }

    @Test
    void loopbackIsAllowedOnlyByItsExactAddressAndPortAndThePlatformsOwnServicesNever() {
        var addresses = addresses("127.0.0.1:8090,127.0.0.1:8082,127.0.0.1:8761");
        assertThat(refusal(addresses, "http://127.0.0.1:8090/api/people/1")).isNull();
        assertThat(refusal(addresses, "http://127.0.0.1:8091/api/people/1")).contains("loopback");
        assertThat(refusal(addresses, "http://127.0.0.1:8082/api/sharing/grants")).contains("platform's own");
        assertThat(refusal(addresses, "http://127.0.0.1:8761/eureka/apps")).contains("platform's own");
        assertThat(refusal(addresses, "http://[::ffff:127.0.0.1]:9000/x")).isNotNull();
        assertThat(refusal(addresses, "http://169.254.169.254/latest/meta-data/")).contains("link-local");
        assertThat(refusal(addresses, "http://[fe80::1]/x")).contains("link-local");
        assertThat(refusal(addresses, "http://224.0.0.1/x")).contains("multicast");
    }

    @Test
    void aNonEmptyListAdmitsOnlyItsHostsAndNetworks() throws Exception {
        var addresses = addresses("10.20.0.0/16,192.168.7.9");
        assertThat(refusal(addresses, "http://10.20.3.4/api")).isNull();
        assertThat(refusal(addresses, "https://192.168.7.9/api")).isNull();
        assertThat(refusal(addresses, "http://10.21.0.1/api")).contains("not on the platform's list");
        assertThat(refusal(addresses, "http://no-such-host.invalid/api")).contains("does not resolve");
        assertThat(ProviderAddresses.inNetwork(java.net.InetAddress.getByName("10.20.255.1"), "10.20.0.0/16")).isTrue();
    }

    @Test
    void eachCheckResolvesOnceAndANameRepointedToLoopbackIsRefusedWithNoAddressToConnectTo() throws Exception {
        var answers = new java.util.ArrayDeque<>(java.util.List.of("203.0.113.10", "127.0.0.1"));
        var lookups = new java.util.concurrent.atomic.AtomicInteger();
        var addresses = new ProviderAddresses(new ProviderProperties(null, null, 0, null),
                new MockEnvironment().withProperty("govdata.exchange.providers.allow", "*.provider.example"),
                host -> {
                    lookups.incrementAndGet();
                    return new java.net.InetAddress[]{java.net.InetAddress.getByName(answers.poll())};
                });

        var first = addresses.check("api.provider.example", 443);
        var second = addresses.check("api.provider.example", 443);

        assertThat(first.allowed()).isTrue();
        assertThat(first.addresses()).extracting(java.net.InetAddress::getHostAddress).containsExactly("203.0.113.10");
        assertThat(second.refusal()).get().asString().contains("127.0.0.1").contains("loopback");
        assertThat(second.addresses()).isEmpty();
        assertThat(lookups).hasValue(2);
    }

    @Test
    void theServicesOwnManagementPortIsOneOfThePlatformsOwnAddresses() {
        var environment = new MockEnvironment().withProperty("server.port", "8082").withProperty("management.server.port", "9082")
                .withProperty("govdata.exchange.providers.allow", "127.0.0.1:9082");
        var addresses = new ProviderAddresses(new ProviderProperties(null, null, 0, null), environment);
        assertThat(refusal(addresses, "http://127.0.0.1:9082/actuator/prometheus")).contains("platform's own services");
    }

    @Test
    void theAllowListIsBoundAtStartUpAndAgainOnlyWhenTheEnvironmentChanges() {
        var environment = new MockEnvironment().withProperty("server.port", "8082")
                .withProperty("govdata.exchange.providers.allow", "127.0.0.1:8090");
        var addresses = new ProviderAddresses(new ProviderProperties(null, null, 0, null), environment);
        assertThat(refusal(addresses, "http://127.0.0.1:8090/api/people/1")).isNull();

        environment.setProperty("govdata.exchange.providers.allow", "127.0.0.1:8091");
        assertThat(refusal(addresses, "http://127.0.0.1:8090/api/people/1")).as("not bound again per check").isNull();
        assertThat(refusal(addresses, "http://127.0.0.1:8091/api/people/1")).contains("loopback");

        addresses.environmentChanged();
        assertThat(refusal(addresses, "http://127.0.0.1:8090/api/people/1")).as("after a refresh").contains("loopback");
        assertThat(refusal(addresses, "http://127.0.0.1:8091/api/people/1")).isNull();
    }

    @Test
    void anAllowListSetAsASystemPropertyAppliesFromTheNextCheck() {
        String key = "govdata.exchange.providers.allow";
        String before = System.getProperty(key);
        try {
            System.setProperty(key, "127.0.0.1:8090");
            var addresses = new ProviderAddresses(new ProviderProperties(null, null, 0, null),
                    new StandardEnvironment());
            assertThat(refusal(addresses, "http://127.0.0.1:8090/api/people/1")).isNull();

            System.setProperty(key, "127.0.0.1:8091");

            assertThat(refusal(addresses, "http://127.0.0.1:8090/api/people/1")).contains("loopback");
            assertThat(refusal(addresses, "http://127.0.0.1:8091/api/people/1")).isNull();
        } finally {
            if (before == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, before);
            }
        }
    }
}
