package cn.govdata.sharing.provider;

import com.mongodb.MongoGridFSException;
import com.mongodb.client.gridfs.GridFSBucket;
import com.mongodb.client.gridfs.GridFSBuckets;
import com.mongodb.client.gridfs.model.GridFSFile;
import com.mongodb.client.gridfs.model.GridFSUploadOptions;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.springframework.core.io.AbstractResource;
import org.springframework.core.io.Resource;
import org.springframework.data.mongodb.MongoDatabaseFactory;
import org.springframework.stereotype.Component;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * File and table-snapshot contents in GridFS (bucket {@code exchange_files}, 255 KiB chunks): an
 * upload is copied chunk by chunk from the request and a download reads chunk by chunk, so no file
 * is ever held whole in memory. Works on MongoDB and on the embedded wire store alike.
 */
@Component
public class ProviderFiles {

    static final String BUCKET = "exchange_files";
    private static final int CHUNK = 255 * 1024;

    private final MongoDatabaseFactory databases;
    private volatile GridFSBucket bucket;

    ProviderFiles(MongoDatabaseFactory databases) {
        this.databases = databases;
    }

    record Stored(String id, long size, String sha256) {
    }

    Stored store(String resourceId, String name, String contentType, InputStream content) throws IOException {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (InputStream in = new DigestInputStream(content, sha256)) {
            ObjectId id = bucket().uploadFromStream(name, in, new GridFSUploadOptions().chunkSizeBytes(CHUNK)
                    .metadata(new Document("resourceId", resourceId).append("contentType", contentType)));
            long size = bucket().find(new Document("_id", id)).first().getLength();
            return new Stored(id.toHexString(), size, HexFormat.of().formatHex(sha256.digest()));
        }
    }

    void delete(String fileId) {
        objectId(fileId).ifPresent(id -> {
            try {
                bucket().delete(id);
            } catch (MongoGridFSException gone) {
                // Already deleted: removing a file is idempotent.
            }
        });
    }

    /**
     * The stored content as a re-readable resource of known length: Spring MVC serves byte ranges of
     * it by skipping chunks rather than reading the file from the start.
     */
    public Optional<Resource> open(String fileId, String name) {
        return objectId(fileId).map(id -> bucket().find(new Document("_id", id)).first())
                .map(file -> new StoredFile(file, name));
    }

    private GridFSBucket bucket() {
        GridFSBucket b = bucket;
        if (b == null) {
            b = GridFSBuckets.create(databases.getMongoDatabase(), BUCKET);
            bucket = b;
        }
        return b;
    }

    private static Optional<ObjectId> objectId(String fileId) {
        return ObjectId.isValid(fileId) ? Optional.of(new ObjectId(fileId)) : Optional.empty();
    }

    private final class StoredFile extends AbstractResource {

        private final GridFSFile file;
        private final String name;

        StoredFile(GridFSFile file, String name) {
            this.file = file;
            this.name = name;
        }

        @Override
        public String getDescription() {
            return "stored file " + file.getObjectId().toHexString();
        }

        @Override
        public String getFilename() {
            return name;
        }

        @Override
        public long contentLength() {
            return file.getLength();
        }

        @Override
        public boolean exists() {
            return true;
        }

        @Override
        public InputStream getInputStream() throws IOException {
            try {
                return bucket().openDownloadStream(file.getObjectId());
            } catch (MongoGridFSException e) {
                throw new FileNotFoundException(getDescription() + " is gone: " + e.getMessage());
            }
        }
    }
}
