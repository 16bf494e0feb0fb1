package cn.govdata.sharing.application;

import cn.govdata.domain.Refusal;
import cn.govdata.platform.security.Caller;
import cn.govdata.platform.security.Roles;
import cn.govdata.sharing.grant.SharingAccess;
import com.mongodb.client.gridfs.GridFSBucket;
import com.mongodb.client.gridfs.GridFSBuckets;
import com.mongodb.client.gridfs.model.GridFSUploadOptions;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Service;
import org.springframework.web.multipart.MultipartFile;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;

/**
 * Stamped scans of applications (NT 20: 申请材料须加盖印章，并提交扫描件). Files go to GridFS
 * (bucket {@code attachments}, which the embedded store supports), streamed in and out; the
 * application records name, type, size and SHA-256. The file is stored before the application
 * names it: a failed application write removes the file again, a crash in between leaves an
 * unreferenced file, never a reference to a missing one.
 */
@Service
class Attachments {

    static final String BUCKET = "attachments";

    private static final Logger log = LoggerFactory.getLogger(Attachments.class);

    private final Applications applications;
    private final MongoTemplate mongo;
    private final ApplicationConfiguration.ApplicationProperties properties;
    private final Clock clock;
    private volatile GridFSBucket bucket;

    Attachments(Applications applications, MongoTemplate mongo, ApplicationConfiguration.ApplicationProperties properties,
                Clock clock) {
        this.applications = applications;
        this.mongo = mongo;
        this.properties = properties;
        this.clock = clock;
    }

    /** A scan to download: open {@code content} once and close it. */
    record Download(ShareApplication.Attachment attachment, InputStream content) {
    }

    ShareApplication.Attachment attach(String applicationId, MultipartFile file, Caller caller) {
        ShareApplication application = applications.get(applicationId);
        SharingAccess.require(SharingAccess.actsFor(caller, application.consumerDepartment(), Roles.DEPT_CONSUMER,
                Roles.DEPT_DATA_OFFICER, Roles.DEPT_APPROVER), "Only the applying department "
                + application.consumerDepartment() + " attaches documents to application " + applicationId);
        if (application.state() != ShareApplication.State.FORMALITY_CHECK
                && application.state() != ShareApplication.State.AWAITING_DECISION) {
            throw Refusal.conflict("wrong-state", "Application " + applicationId + " is " + application.state()
                    + "; documents are attached while it is checked or awaits its decision");
        }
        if (application.attachments().size() >= properties.maxAttachments()) {
            throw Refusal.conflict("too-many-attachments", "Application " + applicationId + " has "
                    + properties.maxAttachments() + " attachments already");
        }
        if (file == null || file.isEmpty()) {
            throw Refusal.invalidField("file", "is missing or empty; send the stamped scan as multipart part 'file'");
        }
        if (file.getSize() > properties.maxAttachmentSize().toBytes()) {
            throw Refusal.invalidField("file", "is " + file.getSize() + " bytes; at most "
                    + properties.maxAttachmentSize().toMegabytes() + " MB");
        }
        String contentType = detect(file);
        String filename = filename(file.getOriginalFilename(), contentType);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        ObjectId stored;
        String sha256;
        try (InputStream in = file.getInputStream()) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            DigestInputStream digesting = new DigestInputStream(in, digest);
            stored = bucket().uploadFromStream(filename, digesting, new GridFSUploadOptions()
                    .metadata(new Document("applicationId", applicationId).append("contentType", contentType)));
            sha256 = HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        var attachment = new ShareApplication.Attachment(stored.toHexString(), filename, contentType, file.getSize(), sha256,
                caller.actor(), now);
        application.attach(attachment);
        if (!applications.tryUpdate(application, List.of())) {
            bucket().delete(stored);
            throw Refusal.conflict("concurrent-change", "Application " + applicationId
                    + " was changed meanwhile; upload the document again");
        }
        log.info("Application {}: {} ({} bytes, sha256 {}) attached by {}", applicationId, filename, file.getSize(), sha256,
                caller.actor());
        return attachment;
    }

    Download open(String applicationId, String attachmentId, Caller caller) {
        ShareApplication application = applications.get(applicationId);
        SharingAccess.require(caller.seesEveryDepartment()
                        || SharingAccess.actsFor(caller, application.consumerDepartment(), Roles.DEPT_CONSUMER,
                        Roles.DEPT_DATA_OFFICER, Roles.DEPT_APPROVER)
                        || SharingAccess.actsFor(caller, application.providerDepartment(), Roles.DEPT_APPROVER,
                        Roles.DEPT_DATA_OFFICER),
                "Attachments are for the reviewers (the bureau, the providing department's approvers and data officers) "
                        + "and the applying department");
        var attachment = application.attachments().stream().filter(a -> a.id().equals(attachmentId)).findFirst()
                .orElseThrow(() -> Refusal.notFound("Attachment", attachmentId));
        return new Download(attachment, bucket().openDownloadStream(new ObjectId(attachment.id())));
    }

    /** By the file's first bytes, not by what the client claims. */
    private static String detect(MultipartFile file) {
        byte[] head = new byte[8];
        int read;
        try (InputStream in = file.getInputStream()) {
            read = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (read >= 5 && head[0] == '%' && head[1] == 'P' && head[2] == 'D' && head[3] == 'F' && head[4] == '-') {
            return "application/pdf";
        }
        if (read >= 3 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xD8 && (head[2] & 0xFF) == 0xFF) {
            return "image/jpeg";
        }
        if (read >= 8 && (head[0] & 0xFF) == 0x89 && head[1] == 'P' && head[2] == 'N' && head[3] == 'G'
                && head[4] == 0x0D && head[5] == 0x0A && head[6] == 0x1A && head[7] == 0x0A) {
            return "image/png";
        }
        throw Refusal.invalidField("file", "must be a PDF, JPEG or PNG scan");
    }

    private static String filename(String original, String contentType) {
        String name = original == null ? "" : original.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1).replaceAll("[\\p{Cntrl}\"]", "").strip();
        if (name.isEmpty()) {
            name = "scan" + switch (contentType) {
                case "application/pdf" -> ".pdf";
                case "image/png" -> ".png";
                default -> ".jpg";
            };
        }
        return name.length() > 200 ? name.substring(name.length() - 200) : name;
    }

    private GridFSBucket bucket() {
        GridFSBucket b = bucket;
        if (b == null) {
            b = GridFSBuckets.create(mongo.getDb(), BUCKET);
            bucket = b;
        }
        return b;
    }
}
