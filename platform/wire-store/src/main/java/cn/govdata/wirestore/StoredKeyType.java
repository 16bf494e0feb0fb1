package cn.govdata.wirestore;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.ObjectId;

/**
 * Keys of the document maps ({@code _id} values) and keys and values of the unique-index maps
 * ({@link KeyValue}s and {@code _id} values). H2's default type, which these maps used before, writes
 * strings and numbers compactly but Java-serializes an {@link ObjectId} (about 100 bytes for 12) and
 * every {@link KeyValue}, the key of every unique index including {@code _id}'s own, so each insert paid
 * for Java serialization of a page of index keys.
 *
 * <p>Only writing and reading change: the order is {@link ObjectDataType}'s own (inherited), so maps
 * written before keep their order, and old entries are read as they were (any tag but the two below goes
 * to {@link ObjectDataType}). A {@link KeyValue} holding a value {@link StoredBson} cannot write exactly
 * keeps the old form.
 */
final class StoredKeyType extends ObjectDataType {

    /** An {@link ObjectId}: the tag, then its 12 bytes. */
    static final byte OBJECT_ID_TAG = 123;
    /** A {@link KeyValue}: the tag, then its values as a {@link StoredBson} array. */
    static final byte KEY_VALUE_TAG = 124;

    private static final ThreadLocal<StoredBson.Writer> WRITERS = ThreadLocal.withInitial(StoredBson.Writer::new);

    @Override
    public void write(WriteBuffer buff, Object obj) {
        if (obj != null && obj.getClass() == ObjectId.class) {
            buff.put(OBJECT_ID_TAG).put(((ObjectId) obj).toByteArray());
            return;
        }
        if (obj instanceof KeyValue key) {
            StoredBson.Writer writer = WRITERS.get();
            writer.reset();
            try {
                List<Object> values = new ArrayList<>(key.size());
                key.forEach(values::add);
                StoredBson.encodeArray(values, writer);
                buff.put(KEY_VALUE_TAG).put(writer.bytes(), 0, writer.length());
                return;
            } catch (StoredBson.Unencodable e) {
                // a value without an exact stored form: H2's default form below
            }
        }
        super.write(buff, obj);
    }

    /**
     * H2's default charges every Java-serialized object a running average of twice its serialized size,
     * kept up to date only by its own writes; this type's writes bypass them, so both kinds are sized here.
     */
    @Override
    public int getMemory(Object obj) {
        if (obj != null && obj.getClass() == ObjectId.class) {
            return 48;
        }
        if (obj instanceof KeyValue key) {
            int size = 56 + 8 * key.size();
            for (Object value : key) {
                size += StoredDocumentType.memory(value);
            }
            return size;
        }
        return super.getMemory(obj);
    }

    @Override
    public Object read(ByteBuffer buff) {
        byte tag = buff.get(buff.position());
        if (tag == OBJECT_ID_TAG) {
            buff.get();
            byte[] id = new byte[12];
            buff.get(id);
            return new ObjectId(id);
        }
        if (tag == KEY_VALUE_TAG) {
            buff.get();
            return new KeyValue(StoredBson.decodeArray(buff));
        }
        return super.read(buff);
    }
}
