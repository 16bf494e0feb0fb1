package cn.govdata.platform.test;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Puts the {@code spring.embedded.kafka.brokers} system property back after a test class whose
 * context started its own broker. The property is global: without this, classes that reuse an
 * earlier cached context and read the property would talk to this class's broker instead of their own.
 */
public final class KeepsKafkaBrokersProperty implements BeforeAllCallback, AfterAllCallback {

    private static final String PROPERTY = "spring.embedded.kafka.brokers";
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(KeepsKafkaBrokersProperty.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getStore(NAMESPACE).put(PROPERTY, new Before(System.getProperty(PROPERTY)));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        Before before = context.getStore(NAMESPACE).get(PROPERTY, Before.class);
        if (before == null) {
            return;
        }
        if (before.value() == null) {
            System.clearProperty(PROPERTY);
        } else {
            System.setProperty(PROPERTY, before.value());
        }
    }

    private record Before(String value) {
    }
}
