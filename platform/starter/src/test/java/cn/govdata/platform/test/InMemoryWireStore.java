package cn.govdata.platform.test;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.boot.test.util.TestPropertyValues;

import java.net.InetSocketAddress;

/**
 * Gives each test application context its own mongo-java-server on a free port: the same wire
 * protocol and limits (no transactions) as the local runner's store, but in memory. Every command
 * the service sends is watched by an {@link IndexCoverage}, checked after each test class.
 */
public final class InMemoryWireStore implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        MongoServer server = new MongoServer(new MemoryBackend());
        server.enableOplog(); // change streams, as on the local runner's wire store (catalog search follows one)
        InetSocketAddress address = server.bind();
        TestPropertyValues.of("spring.mongodb.uri=mongodb://127.0.0.1:" + address.getPort() + "/test")
                .applyTo(context.getEnvironment());
        IndexCoverage coverage = new IndexCoverage();
        context.getBeanFactory().registerSingleton("indexCoverage", coverage);
        context.getBeanFactory().registerSingleton("indexCoverageListener",
                (MongoClientSettingsBuilderCustomizer) settings -> settings.addCommandListener(coverage));
        // Disposable beans go after the lifecycle beans (the outbox relay) have stopped using the store.
        ((DefaultListableBeanFactory) context.getBeanFactory()).registerDisposableBean("inMemoryWireStore", server::shutdownNow);
    }
}
