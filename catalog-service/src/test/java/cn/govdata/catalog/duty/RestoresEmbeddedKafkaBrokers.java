package cn.govdata.catalog.duty;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.Optional;

/**
 * Every test context with {@code @EmbeddedKafka} starts its own broker and points the JVM-wide
 * system property {@value #PROPERTY} at it. A class that needs a context of its own (another clock)
 * would leave the property naming its broker, and test classes of the shared, cached context that
 * read the property afterwards would probe the wrong broker. This puts back the value from before
 * the class. Declare it before {@code @PlatformIntegrationTest} so it runs before the context loads.
 */
public final class RestoresEmbeddedKafkaBrokers implements BeforeAllCallback, AfterAllCallback {

    static final String PROPERTY = "spring.embedded.kafka.brokers";

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RestoresEmbeddedKafkaBrokers.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getStore(NAMESPACE).put(PROPERTY, Optional.ofNullable(System.getProperty(PROPERTY)));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        @SuppressWarnings("unchecked")
        Optional<String> previous = context.getStore(NAMESPACE).get(PROPERTY, Optional.class);
        if (previous == null) {
            return;
        }
        previous.ifPresentOrElse(value -> System.setProperty(PROPERTY, value), () -> System.clearProperty(PROPERTY));
    }
}
