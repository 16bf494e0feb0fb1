import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Bulk equivalent of the exchange's access path, for bench/platform-bench.sh: takes the newest real
 * DataAccessed record on govdata.exchange.v1 (read as the read-only system-test principal) as a
 * template and produces N copies with fresh ids and times, as the sharing service's own Kafka
 * principal (SCRAM-SHA-512), so the audit service ingests them exactly as it ingests real accesses.
 * Only the ids and times change: the body stays schema-valid because a real service wrote it.
 *
 * Run by the JDK's source launcher with the runner's Kafka classpath (.govdata/classpath/local-kafka.cp):
 *   java -cp "$cp" bench/AccessEventGenerator.java BOOTSTRAP COUNT SHARING_PASSWORD SYSTEM_TEST_PASSWORD
 */
public class AccessEventGenerator {

    static final String TOPIC = "govdata.exchange.v1";
    static final String TYPE = "cn.govdata.exchange.data.accessed.v1";

    public static void main(String[] args) throws Exception {
        String bootstrap = args[0];
        long count = Long.parseLong(args[1]);
        String sharingPassword = args[2];
        String systemTestPassword = args[3];

        ConsumerRecord<byte[], byte[]> template = newestAccess(bootstrap, systemTestPassword);
        if (template == null) {
            System.err.println("generator: no DataAccessed record on " + TOPIC + "; call the exchange once first");
            System.exit(2);
        }
        String body = new String(template.value(), StandardCharsets.UTF_8);
        String accessId = field(body, "accessId");
        String accessedAt = field(body, "accessedAt");
        String requestId = field(body, "requestId");
        String templateId = header(template, "ce_id");

        Properties p = sasl(bootstrap, "SCRAM-SHA-512",
                "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"sharing-service\" password=\""
                        + sharingPassword + "\";");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 * 1024));
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");

        long started = System.nanoTime();
        AtomicLong failed = new AtomicLong();
        AtomicReference<Exception> firstFailure = new AtomicReference<>();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
            for (long i = 0; i < count; i++) {
                String id = UUID.randomUUID().toString();
                String now = Instant.now().toString();
                String value = body.replace(accessId, id);
                if (accessedAt != null) {
                    value = value.replace(accessedAt, now);
                }
                if (requestId != null && !requestId.isEmpty()) {
                    value = value.replace(requestId, "bench-" + id);
                }
                List<Header> headers = new ArrayList<>();
                for (Header h : template.headers()) {
                    String v = new String(h.value(), StandardCharsets.UTF_8);
                    switch (h.key()) {
                        case "ce_id" -> v = id;
                        case "ce_time" -> v = now;
                        case "ce_subject" -> v = v.replace(accessId, id);
                        default -> { }
                    }
                    headers.add(new RecordHeader(h.key(), v.getBytes(StandardCharsets.UTF_8)));
                }
                byte[] key = template.key() == null ? null
                        : new String(template.key(), StandardCharsets.UTF_8).replace(accessId, id).getBytes(StandardCharsets.UTF_8);
                producer.send(new ProducerRecord<>(TOPIC, null, key, value.getBytes(StandardCharsets.UTF_8), headers),
                        (md, e) -> {
                            if (e != null) {
                                failed.incrementAndGet();
                                firstFailure.compareAndSet(null, e);
                            }
                        });
                if ((i + 1) % 100_000 == 0) {
                    System.out.printf("generator: %,d sent%n", i + 1);
                }
            }
            producer.flush();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("generator: produced %,d DataAccessed records (template %s) in %.1f s, %.0f/s, %d failed%n",
                count - failed.get(), templateId, seconds, (count - failed.get()) / seconds, failed.get());
        if (firstFailure.get() != null) {
            System.err.println("generator: first failure: " + firstFailure.get());
            System.exit(1);
        }
    }

    static ConsumerRecord<byte[], byte[]> newestAccess(String bootstrap, String password) {
        Properties c = sasl(bootstrap, "PLAIN",
                "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"system-test\" password=\""
                        + password + "\";");
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(c)) {
            List<TopicPartition> partitions = consumer.partitionsFor(TOPIC).stream()
                    .map(i -> new TopicPartition(TOPIC, i.partition())).toList();
            consumer.assign(partitions);
            var ends = consumer.endOffsets(partitions);
            for (TopicPartition tp : partitions) {
                consumer.seek(tp, Math.max(0, ends.get(tp) - 50));
            }
            ConsumerRecord<byte[], byte[]> newest = null;
            long deadline = System.currentTimeMillis() + 10_000;
            while (System.currentTimeMillis() < deadline && !caughtUp(consumer, ends)) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (TYPE.equals(header(r, "ce_type")) && (newest == null || r.timestamp() > newest.timestamp())) {
                        newest = r;
                    }
                }
            }
            return newest;
        }
    }

    static boolean caughtUp(KafkaConsumer<?, ?> consumer, java.util.Map<TopicPartition, Long> ends) {
        return ends.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }

    static Properties sasl(String bootstrap, String mechanism, String jaas) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("security.protocol", "SASL_PLAINTEXT");
        p.put("sasl.mechanism", mechanism);
        p.put("sasl.jaas.config", jaas);
        p.put("client.id", "platform-bench");
        return p;
    }

    static String header(ConsumerRecord<?, ?> r, String key) {
        Header h = r.headers().lastHeader(key);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    /** The string value of a top-level JSON field, without a JSON library on the classpath. */
    static String field(String json, String name) {
        var m = java.util.regex.Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        return m.find() ? m.group(1) : null;
    }
}
