package cn.govdata.wirestore;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

import de.bwaldvogel.mongo.bson.Document;

/**
 * How a collection's documents are written to the store file: a tag byte, then {@link StoredBson}.
 *
 * <p>Files written before this type existed hold documents in H2's default form ({@link ObjectDataType}:
 * tag 19, then Java serialization, which cost about 44 % of the store's CPU under load). Such entries are
 * still read, whatever their age, by handing every tag but {@link #TAG} to an {@link ObjectDataType}; and
 * a document with a value {@link StoredBson} cannot hold exactly is still written in that form, so nothing
 * is ever approximated. {@code TAG} is a byte {@link ObjectDataType} does not know: a file written by this
 * type is refused by an older wire store ("Unknown tag") rather than misread.
 */
final class StoredDocumentType extends BasicDataType<Document> {

    /** The first byte of a document in {@link StoredBson} form (122; H2's own tags end at 119). */
    static final byte TAG = 122;

    private static final ThreadLocal<StoredBson.Writer> WRITERS = ThreadLocal.withInitial(StoredBson.Writer::new);

    private final ObjectDataType legacy = new ObjectDataType();

    @Override
    public void write(WriteBuffer buff, Document document) {
        StoredBson.Writer writer = WRITERS.get();
        writer.reset();
        try {
            StoredBson.encode(document, writer);
        } catch (StoredBson.Unencodable e) {
            legacy.write(buff, document);
            return;
        }
        buff.put(TAG).put(writer.bytes(), 0, writer.length());
    }

    @Override
    public Document read(ByteBuffer buff) {
        if (buff.get(buff.position()) == TAG) {
            buff.get();
            return StoredBson.decode(buff);
        }
        return (Document) legacy.read(buff);
    }

    @Override
    public Document[] createStorage(int size) {
        return new Document[size];
    }

    /** Not used by the store (values are never ordered); defined so that it is never wrong. */
    @Override
    public int compare(Document a, Document b) {
        if (a.equals(b)) {
            return 0;
        }
        return Arrays.compare(bytes(a), bytes(b));
    }

    private static byte[] bytes(Document document) {
        StoredBson.Writer writer = new StoredBson.Writer();
        try {
            StoredBson.encode(document, writer);
        } catch (StoredBson.Unencodable e) {
            return ObjectDataType.serialize(document);
        }
        return Arrays.copyOf(writer.bytes(), writer.length());
    }

    /**
     * The document's approximate size on the heap, which H2 uses to size its page cache and split pages.
     * H2's default charged twice the Java-serialized size; this walks the values instead.
     */
    @Override
    public int getMemory(Document document) {
        return memory(document);
    }

    static int memory(Object value) {
        if (value instanceof Map<?, ?> map) {
            // LinkedHashMap with its table, plus per entry the node (40), the table slot and the key string.
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
