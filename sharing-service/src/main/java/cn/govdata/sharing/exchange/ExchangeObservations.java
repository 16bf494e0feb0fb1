package cn.govdata.sharing.exchange;

import io.micrometer.observation.ObservationPredicate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Spring Security observes each of its ~15 filters on every request (an Observation and timers per
 * filter). On the exchange's hot path that bookkeeping cost about a fifth of the request CPU
 * (sharing-service/bench), so it is switched off for {@code /api/exchange/**} only: the exchange
 * has its own {@code exchange_calls_total} and {@code exchange_latency}, and every other endpoint
 * keeps Spring Security's metrics. {@code http.server.requests} stays on everywhere.
 */
@Configuration(proxyBeanMethods = false)
class ExchangeObservations {

    @Bean
    ObservationPredicate noSecurityObservationsOnTheExchange() {
        return (name, context) -> !(name.startsWith("spring.security.") && onExchangePath());
    }

    private static boolean onExchangePath() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                && attributes.getRequest().getRequestURI().startsWith("/api/exchange/");
    }
}
