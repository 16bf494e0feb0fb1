package cn.govdata.platform.config;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.PropertiesLoaderUtils;
import org.springframework.core.env.PropertiesPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Adds the platform's shared defaults (Kafka reliability settings, actuator exposure, Eureka,
 * log pattern) with the lowest precedence, so each service's application.yml stays short and any
 * value can still be overridden by the service or the environment.
 */
public class PlatformDefaults implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        try {
            var defaults = PropertiesLoaderUtils.loadProperties(new ClassPathResource("govdata-defaults.properties"));
            environment.getPropertySources().addLast(new PropertiesPropertySource("govdataDefaults", defaults));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
