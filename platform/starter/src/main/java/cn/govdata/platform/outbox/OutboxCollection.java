package cn.govdata.platform.outbox;

/**
 * Declares a MongoDB collection whose documents carry an {@code outbox} array of
 * {@link OutboxMessage}s. A service registers one bean per aggregate collection; the relay drains them all.
 */
public record OutboxCollection(String name) {
}
