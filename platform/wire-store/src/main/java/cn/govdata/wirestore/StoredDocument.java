package cn.govdata.wirestore;

import java.nio.ByteBuffer;
import java.util.Arrays;

import org.h2.mvstore.type.ObjectDataType;

import de.bwaldvogel.mongo.bson.Document;

/**
 * A document as the store holds it, in memory and in the file: its encoded bytes, never a live object.
 *
 * <p>mongo-java-server updates a document by changing the instance the collection handed out. When that
 * instance was the one inside the map, as it was with H2's default type, the change reached pages that
 * H2's background writer was serializing at the same moment (a torn page, or a
 * ConcurrentModificationException that closes the store). Holding bytes, every read decodes a private
 * copy, and a page write copies bytes instead of encoding documents again.
 *
 * <p>The bytes are {@link StoredBson} unless the document holds a value without an exact BSON form; those
 * few keep Java serialization, as every document did before.
 */
final class StoredDocument {

    private static final ThreadLocal<StoredBson.Writer> WRITERS = ThreadLocal.withInitial(StoredBson.Writer::new);

    private final byte[] bytes;
    private final boolean serialized;

    private StoredDocument(byte[] bytes, boolean serialized) {
        this.bytes = bytes;
        this.serialized = serialized;
    }

    static StoredDocument of(Document document) {
        StoredBson.Writer writer = WRITERS.get();
        writer.reset();
        try {
            StoredBson.encode(document, writer);
        } catch (StoredBson.Unencodable e) {
            return serialized(ObjectDataType.serialize(document));
        }
        return bson(Arrays.copyOf(writer.bytes(), writer.length()));
    }

    static StoredDocument bson(byte[] bytes) {
        return new StoredDocument(bytes, false);
    }

    static StoredDocument serialized(byte[] bytes) {
        return new StoredDocument(bytes, true);
    }

    /** A new, private instance on every call. */
    Document document() {
        if (serialized) {
            return (Document) ObjectDataType.deserialize(bytes);
        }
        return StoredBson.decode(ByteBuffer.wrap(bytes));
    }

    byte[] bytes() {
        return bytes;
    }

    boolean isSerialized() {
        return serialized;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StoredDocument that && serialized == that.serialized && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }
}
