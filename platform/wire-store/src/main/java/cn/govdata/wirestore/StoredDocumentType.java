package cn.govdata.wirestore;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

import de.bwaldvogel.mongo.bson.Document;

/**
 * How a collection's documents ({@link StoredDocument}s) are written to the store file: tag {@link #TAG}
 * and the {@link StoredBson} bytes, or, for the few documents BSON cannot hold exactly, H2's own form
 * for a Java-serialized object (tag 19, length, bytes).
 *
 * <p>Files written before this type existed hold every document in that H2 form (Java serialization cost
 * about 44 % of the store's CPU under load). Such entries are still read, whatever their age, and come
 * back as BSON when they can; {@link StoreFormat} rewrites them when a map is opened. {@code TAG} is a byte
 * H2's {@link ObjectDataType} does not know: a file written by this type is refused by an older wire store
 * ("Unknown tag") rather than misread.
 */
final class StoredDocumentType extends BasicDataType<StoredDocument> {

    /** The first byte of a document in {@link StoredBson} form (122; H2's own tags end at 119). */
    static final byte TAG = 122;
    /** H2's {@code ObjectDataType.TYPE_SERIALIZED_OBJECT}. */
    static final byte SERIALIZED_TAG = 19;

    private final ObjectDataType legacy = new ObjectDataType();

    @Override
    public void write(WriteBuffer buff, StoredDocument document) {
        byte[] bytes = document.bytes();
        if (document.isSerialized()) {
            buff.put(SERIALIZED_TAG).putVarInt(bytes.length).put(bytes);
        } else {
            buff.put(TAG).put(bytes);
        }
    }

    @Override
    public StoredDocument read(ByteBuffer buff) {
        byte tag = buff.get(buff.position());
        if (tag == TAG) {
            buff.get();
            int length = Integer.reverseBytes(buff.getInt(buff.position()));
            byte[] bytes = new byte[length];
            buff.get(bytes);
            return StoredDocument.bson(bytes);
        }
        if (tag == SERIALIZED_TAG) {
            buff.get();
            byte[] bytes = new byte[DataUtils.readVarInt(buff)];
            buff.get(bytes);
            Document document = (Document) ObjectDataType.deserialize(bytes);
            StoredDocument converted = StoredDocument.of(document);
            return converted.isSerialized() ? StoredDocument.serialized(bytes) : converted;
        }
        return StoredDocument.of((Document) legacy.read(buff));
    }

    @Override
    public StoredDocument[] createStorage(int size) {
        return new StoredDocument[size];
    }

    /** Not used by the store (values are never ordered); defined so that it is never wrong. */
    @Override
    public int compare(StoredDocument a, StoredDocument b) {
        return Arrays.compare(a.bytes(), b.bytes());
    }

    @Override
    public int getMemory(StoredDocument document) {
        return 40 + document.bytes().length;
    }

    /** An estimate of a value's size on the heap, for index keys ({@link StoredKeyType}). */
    static int memory(Object value) {
        if (value instanceof Map<?, ?> map) {
            // LinkedHashMap with its table, plus per entry the node, the table slot and the key string.
            int size = 96;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                size += 56 + memory(entry.getKey()) + memory(entry.getValue());
            }
            return size;
        }
        if (value instanceof List<?> list) {
            int size = 40 + 8 * list.size();
            for (Object element : list) {
                size += memory(element);
            }
            return size;
        }
        if (value instanceof String s) {
            return 48 + s.length();
        }
        if (value == null || value instanceof Boolean) {
            return 0;
        }
        if (value instanceof Integer || value instanceof Instant) {
            return 16;
        }
        return 32;
    }
}
