package cn.govdata.objection.cases.filing;

import cn.govdata.domain.Refusal;
import cn.govdata.objection.ObjectionProperties;
import cn.govdata.objection.cases.model.EvidenceFile;
import org.bson.types.Binary;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;
import org.springframework.web.multipart.MultipartFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Evidence attachments, one document each (well below MongoDB's 16 MB document limit at the
 * configured size). The type is recognised from the content, never taken from the upload's
 * declared type or name, so a script renamed to .pdf is refused.
 */
@Component
public class EvidenceStore {

    static final String COLLECTION = "evidence";

    private final MongoTemplate mongo;
    private final ObjectionProperties.Evidence limits;

    EvidenceStore(MongoTemplate mongo, ObjectionProperties properties) {
        this.mongo = mongo;
        this.limits = properties.evidence();
        mongo.indexOps(COLLECTION).createIndex(new org.springframework.data.mongodb.core.index.Index()
                .on("caseId", org.springframework.data.domain.Sort.Direction.ASC));
    }

    @Document(COLLECTION)
    public record StoredEvidence(@Id String id, String caseId, String filename, String contentType, long size, String sha256,
                          Binary content, Instant uploadedAt) {
    }

    /** An upload that passed the checks, read into memory (bounded by the size limit). */
    record Upload(String filename, String contentType, byte[] content) {
    }

    /**
     * @throws Refusal 400 naming {@code evidence} or {@code evidence[i]} for too many, empty,
     *                           oversized or unrecognised files
     */
    List<Upload> check(List<MultipartFile> files) {
        List<MultipartFile> present = files == null ? List.of() : files.stream().filter(f -> f != null).toList();
        if (present.size() > limits.maxFiles()) {
            throw Refusal.invalidField("evidence", "at most " + limits.maxFiles() + " files, got " + present.size());
        }
        List<Upload> uploads = new ArrayList<>();
        for (int i = 0; i < present.size(); i++) {
            MultipartFile file = present.get(i);
            String field = "evidence[" + i + "]";
            if (file.isEmpty()) {
                throw Refusal.invalidField(field, "is empty");
            }
            if (file.getSize() > limits.maxFileSize().toBytes()) {
                throw Refusal.invalidField(field, "is larger than " + limits.maxFileSize().toMegabytes() + " MB");
            }
            byte[] content = bytes(file);
            String type = sniff(content).filter(limits.allowedTypes()::contains).orElseThrow(() ->
                    Refusal.invalidField(field, "must be one of " + limits.allowedTypes() + " (recognised by content)"));
            uploads.add(new Upload(filename(file.getOriginalFilename(), i, type), type, content));
        }
        return uploads;
    }

    List<EvidenceFile> store(String caseId, List<Upload> uploads, Instant at) {
        List<EvidenceFile> stored = new ArrayList<>();
        for (Upload upload : uploads) {
            String id = UUID.randomUUID().toString();
            String sha256 = sha256(upload.content());
            mongo.insert(new StoredEvidence(id, caseId, upload.filename(), upload.contentType(), upload.content().length,
                    sha256, new Binary(upload.content()), at));
            stored.add(new EvidenceFile(id, upload.filename(), upload.contentType(), upload.content().length, sha256, at));
        }
        return stored;
    }

    public Optional<StoredEvidence> find(String caseId, String evidenceId) {
        return Optional.ofNullable(mongo.findOne(Query.query(Criteria.where("_id").is(evidenceId).and("caseId").is(caseId)),
                StoredEvidence.class));
    }

    /** Removes the attachments of a case whose filing failed after they were stored. */
    void discard(String caseId) {
        mongo.remove(Query.query(Criteria.where("caseId").is(caseId)), StoredEvidence.class);
    }

    static Optional<String> sniff(byte[] c) {
        if (starts(c, 0x25, 0x50, 0x44, 0x46, 0x2D)) {
            return Optional.of("application/pdf");
        }
        if (starts(c, 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A)) {
            return Optional.of("image/png");
        }
        if (starts(c, 0xFF, 0xD8, 0xFF)) {
            return Optional.of("image/jpeg");
        }
        return Optional.empty();
    }

    private static boolean starts(byte[] content, int... magic) {
        if (content.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((content[i] & 0xFF) != magic[i]) {
                return false;
            }
        }
        return true;
    }

    /** The client's base name without paths or control characters; a generated one when nothing usable is left. */
    static String filename(String original, int index, String type) {
        String name = original == null ? "" : original.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1).replaceAll("[\\p{Cntrl}\"]", "").strip();
        if (name.isEmpty() || name.equals(".") || name.equals("..")) {
            name = "evidence-" + (index + 1) + switch (type) {
                case "application/pdf" -> ".pdf";
                case "image/png" -> ".png";
                default -> ".jpg";
            };
        }
        return name.length() > 100 ? name.substring(name.length() - 100) : name;
    }

    private static byte[] bytes(MultipartFile file) {
        try {
            return file.getBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
