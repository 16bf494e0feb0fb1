package cn.govdata.gateway.ratelimit;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;

/**
 * Where operators' client limits survive a restart: a small JSON file, rewritten whole through a
 * temporary file and a rename, so a crash mid-write leaves the previous version rather than half
 * of one. No new infrastructure: with several gateway instances, put it on a volume they share or
 * set the limit on each.
 */
final class ClientLimitFile {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The file's shape: stable field names, so operators can read and diff it. */
    record Entry(String clientId, int replenishRate, int burstCapacity, int requestedTokens, Instant updatedAt,
                 String updatedBy) {
    }

    private final Path path;

    ClientLimitFile(Path path) {
        this.path = path.toAbsolutePath();
    }

    Path path() {
        return path;
    }

    /** The saved limits; none when the file does not exist yet. A damaged file stops the start-up. */
    List<ClientLimits.Override> load() {
        if (!Files.exists(path)) {
            return List.of();
        }
        try {
            List<Entry> entries = JSON.readValue(path.toFile(), new TypeReference<List<Entry>>() {
            });
            return entries.stream().map(e -> new ClientLimits.Override(e.clientId(),
                    new ClientLimit(e.replenishRate(), e.burstCapacity(), Math.max(1, e.requestedTokens())),
                    e.updatedAt(), e.updatedBy())).toList();
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot read the client rate limits in " + path
                    + "; fix or remove the file", e);
        }
    }

    void save(List<ClientLimits.Override> overrides) {
        List<Entry> entries = overrides.stream().map(o -> new Entry(o.clientId(), o.limit().replenishRate(),
                o.limit().burstCapacity(), o.limit().requestedTokens(), o.updatedAt(), o.updatedBy())).toList();
        try {
            Files.createDirectories(path.getParent());
            Path temporary = Files.createTempFile(path.getParent(), path.getFileName().toString(), ".tmp");
            try {
                Files.write(temporary, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(entries));
                try {
                    Files.move(temporary, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temporary, path, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the client rate limits to " + path, e);
        }
    }
}
