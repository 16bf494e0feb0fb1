package cn.govdata.gateway.fallback;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * @param retryAfter what a fallback answer tells the client to wait before trying again
 */
@ConfigurationProperties("govdata.gateway.fallback")
record FallbackProperties(@DefaultValue("10s") Duration retryAfter) {
}
