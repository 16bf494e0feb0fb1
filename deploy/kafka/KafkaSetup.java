import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Applies deploy/kafka/acls.tsv to a running broker as its super user: creates the topics the table
 * names (services have no CREATE), upserts the SCRAM users with per-stack passwords, and makes the
 * broker's ACLs exactly the table's (missing ones added, others removed).
 *
 * <p>Run by ./govdata with the broker's classpath through Java's source launcher, so it needs no
 * build step: {@code java -cp <kafka classpath> deploy/kafka/KafkaSetup.java <bootstrap> <table> <secrets dir>}.
 * The admin connection's JAAS line comes from the environment ({@code KAFKA_ADMIN_JAAS}), never argv.
 */
public class KafkaSetup {

    private static final int PARTITIONS = 3;
    private static final short REPLICAS = 1;

    record Allow(String principal, AclOperation operation, ResourceType type, PatternType pattern, String name) {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: KafkaSetup <bootstrap> <acls.tsv> <secrets dir>");
        }
        String jaas = System.getenv("KAFKA_ADMIN_JAAS");
        if (jaas == null || jaas.isBlank()) {
            throw new IllegalStateException("KAFKA_ADMIN_JAAS is not set");
        }
        List<String> scramUsers = new ArrayList<>();
        List<Allow> allows = new ArrayList<>();
        parse(Path.of(args[1]), scramUsers, allows);

        Map<String, Object> config = new HashMap<>();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
        config.put(AdminClientConfig.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT");
        config.put("sasl.mechanism", "PLAIN");
        config.put("sasl.jaas.config", jaas);
        try (Admin admin = Admin.create(config)) {
            createTopics(admin, allows);
            upsertScramUsers(admin, scramUsers, Path.of(args[2]));
            syncAcls(admin, allows);
        }
    }

    static void parse(Path table, List<String> scramUsers, List<Allow> allows) throws IOException {
        int number = 0;
        for (String line : Files.readAllLines(table)) {
            number++;
            String text = line.strip();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            String[] f = text.split("\\s+");
            if (f[0].equals("scram") && f.length == 2) {
                scramUsers.add(f[1]);
            } else if (f[0].equals("allow") && f.length == 6) {
                for (String name : f[5].split(",")) {
                    allows.add(new Allow(f[1], AclOperation.fromString(f[2].toUpperCase(java.util.Locale.ROOT)), ResourceType.fromString(f[3].toUpperCase(java.util.Locale.ROOT)),
                            PatternType.fromString(f[4].toUpperCase(java.util.Locale.ROOT)), name));
                }
            } else {
                throw new IllegalArgumentException(table + ":" + number + ": expected 'scram <principal>' or "
                        + "'allow <principal> <operation> <resource> <pattern> <names>', got: " + text);
            }
        }
        for (Allow allow : allows) {
            if (allow.operation() == AclOperation.UNKNOWN || allow.type() == ResourceType.UNKNOWN
                    || allow.pattern() == PatternType.UNKNOWN) {
                throw new IllegalArgumentException(table + ": unknown operation, resource or pattern in " + allow);
            }
        }
    }

    private static void createTopics(Admin admin, List<Allow> allows) throws Exception {
        Set<String> wanted = new LinkedHashSet<>();
        for (Allow allow : allows) {
            if (allow.type() == ResourceType.TOPIC && allow.pattern() == PatternType.LITERAL) {
                wanted.add(allow.name());
            }
        }
        Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
        List<NewTopic> missing = wanted.stream().filter(t -> !existing.contains(t))
                .map(t -> new NewTopic(t, PARTITIONS, REPLICAS)).toList();
        if (!missing.isEmpty()) {
            admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
        }
        System.out.printf("kafka-setup: %d topics (%d created)%n", wanted.size(), missing.size());
    }

    private static void upsertScramUsers(Admin admin, List<String> users, Path secrets) throws Exception {
        Files.createDirectories(secrets);
        List<UserScramCredentialAlteration> alterations = new ArrayList<>();
        for (String user : users) {
            alterations.add(new UserScramCredentialUpsertion(user,
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192), password(secrets.resolve(user + ".password"))));
        }
        admin.alterUserScramCredentials(alterations).all().get(30, TimeUnit.SECONDS);
        System.out.printf("kafka-setup: %d SCRAM-SHA-512 users%n", users.size());
    }

    /** The stack's password for a principal: generated once, kept in .govdata (never in the repository). */
    private static String password(Path file) throws IOException {
        if (!Files.exists(file)) {
            byte[] bytes = new byte[24];
            new SecureRandom().nextBytes(bytes);
            String generated = java.util.HexFormat.of().formatHex(bytes);
            Files.writeString(file, generated);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
        return Files.readString(file).strip();
    }

    private static void syncAcls(Admin admin, List<Allow> allows) throws Exception {
        Set<AclBinding> wanted = new HashSet<>();
        for (Allow allow : allows) {
            wanted.add(new AclBinding(new ResourcePattern(allow.type(), allow.name(), allow.pattern()),
                    new AccessControlEntry("User:" + allow.principal(), "*", allow.operation(), AclPermissionType.ALLOW)));
        }
        Set<AclBinding> existing = new HashSet<>(admin.describeAcls(AclBindingFilter.ANY).values().get(30, TimeUnit.SECONDS));
        List<AclBindingFilter> stale = existing.stream().filter(b -> !wanted.contains(b)).map(AclBinding::toFilter).toList();
        List<AclBinding> missing = wanted.stream().filter(b -> !existing.contains(b)).toList();
        if (!stale.isEmpty()) {
            admin.deleteAcls(stale).all().get(30, TimeUnit.SECONDS);
        }
        if (!missing.isEmpty()) {
            admin.createAcls(missing).all().get(30, TimeUnit.SECONDS);
        }
        System.out.printf("kafka-setup: %d ACLs (%d added, %d removed)%n", wanted.size(), missing.size(), stale.size());
    }
}
