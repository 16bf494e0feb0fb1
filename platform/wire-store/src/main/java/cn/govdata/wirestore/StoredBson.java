package cn.govdata.wirestore;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import de.bwaldvogel.mongo.bson.BinData;
import de.bwaldvogel.mongo.bson.BsonJavaScript;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.BsonTimestamp;
import de.bwaldvogel.mongo.bson.Decimal128;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.LegacyUUID;
import de.bwaldvogel.mongo.bson.MaxKey;
import de.bwaldvogel.mongo.bson.MinKey;
import de.bwaldvogel.mongo.bson.ObjectId;

/**
 * The form documents take in the store file: BSON (bsonspec.org, version 1.1), so that every value
 * mongo-java-server holds in memory comes back as the same Java type with an equal value.
 *
 * <p>mongo-java-server's own wire codec is not used because it is not exact for storage: it turns
 * {@code $currentDate}'s sub-millisecond {@link Instant}s into milliseconds and would write every array
 * through a temporary document. Mapping of the in-memory model:
 * <ul>
 *   <li>{@link Document} 0x03, {@link List} 0x04 (read back as {@link ArrayList}), {@link String} 0x02,
 *       {@link Integer} 0x10, {@link Long} 0x12, {@link Double} 0x01, {@link Decimal128} 0x13,
 *       {@link Boolean} 0x08, null 0x0A, {@link ObjectId} 0x07, {@link BsonTimestamp} 0x11,
 *       {@link BsonRegularExpression} 0x0B, {@link BsonJavaScript} 0x0D, {@link MinKey} 0xFF,
 *       {@link MaxKey} 0x7F;</li>
 *   <li>{@link Instant} 0x09 (UTC milliseconds) when it is a whole millisecond, else the extension type
 *       0x40: int64 epoch seconds and int32 nanoseconds, little-endian like the rest;</li>
 *   <li>binary 0x05: {@link BinData} subtype 0, {@link LegacyUUID} subtype 3 (two little-endian longs, as
 *       mongo-java-server's wire codec reads them), {@link UUID} subtype 4 (big-endian, as the spec says),
 *       {@code byte[]} subtype 0x80.</li>
 * </ul>
 * Anything else (another {@link Map} or collection class, {@code Float}, a key or regular expression
 * containing NUL, a string with an unpaired surrogate) cannot be written exactly: {@link #encode} then
 * throws {@link Unencodable} and the caller keeps its exact fallback form.
 */
final class StoredBson {

    private static final byte DOUBLE = 0x01;
    private static final byte STRING = 0x02;
    private static final byte DOCUMENT = 0x03;
    private static final byte ARRAY = 0x04;
    private static final byte BINARY = 0x05;
    private static final byte OBJECT_ID = 0x07;
    private static final byte BOOLEAN = 0x08;
    private static final byte DATE_TIME = 0x09;
    private static final byte NULL = 0x0A;
    private static final byte REGEX = 0x0B;
    private static final byte JAVASCRIPT = 0x0D;
    private static final byte INT32 = 0x10;
    private static final byte TIMESTAMP = 0x11;
    private static final byte INT64 = 0x12;
    private static final byte DECIMAL128 = 0x13;
    private static final byte PRECISE_INSTANT = 0x40;
    private static final byte MIN_KEY = (byte) 0xFF;
    private static final byte MAX_KEY = 0x7F;

    private static final byte SUBTYPE_GENERIC = 0x00;
    private static final byte SUBTYPE_LEGACY_UUID = 0x03;
    private static final byte SUBTYPE_UUID = 0x04;
    private static final byte SUBTYPE_BYTES = (byte) 0x80;

    private static final String[] INDEX_KEYS = new String[64];

    static {
        for (int i = 0; i < INDEX_KEYS.length; i++) {
            INDEX_KEYS[i] = Integer.toString(i);
        }
    }

    private StoredBson() {
    }

    /** A value the exact form cannot hold; cheap to throw, since the caller only falls back. */
    static final class Unencodable extends RuntimeException {
        Unencodable(String message) {
            super(message, null, false, false);
        }
    }

    /** A growable little-endian buffer; one per thread is reused for all documents it writes. */
    static final class Writer {
        private static final int KEEP_AT_MOST = 1 << 20;
        private byte[] bytes = new byte[1024];
        private int position;

        byte[] bytes() {
            return bytes;
        }

        int length() {
            return position;
        }

        void reset() {
            if (bytes.length > KEEP_AT_MOST) {
                bytes = new byte[1024];
            }
            position = 0;
        }

        private void ensure(int more) {
            if (position + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, position + more));
            }
        }

        private void put(byte b) {
            ensure(1);
            bytes[position++] = b;
        }

        private void putInt(int v) {
            ensure(4);
            putIntAt(position, v);
            position += 4;
        }

        private void putIntAt(int at, int v) {
            bytes[at] = (byte) v;
            bytes[at + 1] = (byte) (v >>> 8);
            bytes[at + 2] = (byte) (v >>> 16);
            bytes[at + 3] = (byte) (v >>> 24);
        }

        private void putLong(long v) {
            ensure(8);
            for (int i = 0; i < 8; i++) {
                bytes[position++] = (byte) (v >>> (8 * i));
            }
        }

        private void putLongBigEndian(long v) {
            ensure(8);
            for (int i = 7; i >= 0; i--) {
                bytes[position++] = (byte) (v >>> (8 * i));
            }
        }

        private void put(byte[] data) {
            ensure(data.length);
            System.arraycopy(data, 0, bytes, position, data.length);
            position += data.length;
        }

        /** UTF-8 without a terminator; returns the number of bytes. ASCII is copied without an intermediate array. */
        private int putUtf8(String s, boolean cString) {
            int n = s.length();
            ensure(n);
            int start = position;
            for (int i = 0; i < n; i++) {
                char c = s.charAt(i);
                if (c >= 0x80 || (c == 0 && cString)) {
                    position = start;
                    return putUtf8Slow(s, cString);
                }
                bytes[position++] = (byte) c;
            }
            return n;
        }

        private int putUtf8Slow(String s, boolean cString) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == 0 && cString) {
                    throw new Unencodable("NUL in a field name or regular expression");
                }
                if (Character.isHighSurrogate(c)) {
                    if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                        throw new Unencodable("unpaired surrogate");
                    }
                    i++;
                } else if (Character.isLowSurrogate(c)) {
                    throw new Unencodable("unpaired surrogate");
                }
            }
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            put(utf8);
            return utf8.length;
        }

        private void putCString(String s) {
            putUtf8(s, true);
            put((byte) 0);
        }

        private void putString(String s) {
            int lengthAt = position;
            putInt(0);
            int length = putUtf8(s, false);
            put((byte) 0);
            putIntAt(lengthAt, length + 1);
        }
    }

    /** Appends the document as one BSON document; throws {@link Unencodable} before anything is used. */
    static void encode(Map<String, ?> document, Writer out) {
        int start = out.position;
        out.putInt(0);
        for (Map.Entry<String, ?> entry : document.entrySet()) {
            element(entry.getKey(), entry.getValue(), out);
        }
        out.put((byte) 0);
        out.putIntAt(start, out.position - start);
    }

    /** Appends the values as a BSON array (a document keyed "0", "1", ...). */
    static void encodeArray(List<?> values, Writer out) {
        int start = out.position;
        out.putInt(0);
        int i = 0;
        for (Object value : values) {
            element(i < INDEX_KEYS.length ? INDEX_KEYS[i] : Integer.toString(i), value, out);
            i++;
        }
        out.put((byte) 0);
        out.putIntAt(start, out.position - start);
    }

    private static void element(String key, Object value, Writer out) {
        if (key == null) {
            throw new Unencodable("null field name");
        }
        int typeAt = out.position;
        out.put((byte) 0);
        out.putCString(key);
        // Not in one statement: writing the value may replace the array.
        byte type = value(value, out);
        out.bytes[typeAt] = type;
    }

    /** Writes the value's payload and returns its BSON type. */
    private static byte value(Object value, Writer out) {
        if (value == null) {
            return NULL;
        } else if (value instanceof String s) {
            out.putString(s);
            return STRING;
        } else if (value instanceof Integer i) {
            out.putInt(i);
            return INT32;
        } else if (value instanceof Long l) {
            out.putLong(l);
            return INT64;
        } else if (value instanceof Double d) {
            out.putLong(Double.doubleToRawLongBits(d));
            return DOUBLE;
        } else if (value instanceof Boolean b) {
            out.put(b ? (byte) 1 : (byte) 0);
            return BOOLEAN;
        } else if (value instanceof Document d) {
            encode(d, out);
            return DOCUMENT;
        } else if (value instanceof List<?> list) {
            encodeArray(list, out);
            return ARRAY;
        } else if (value instanceof Instant instant) {
            return instant(instant, out);
        } else if (value.getClass() == ObjectId.class) {
            out.put(((ObjectId) value).toByteArray());
            return OBJECT_ID;
        } else if (value instanceof Decimal128 d) {
            out.putLong(d.getLow());
            out.putLong(d.getHigh());
            return DECIMAL128;
        } else if (value instanceof BsonTimestamp t) {
            out.putLong(t.getValue());
            return TIMESTAMP;
        } else if (value instanceof UUID uuid) {
            out.putInt(16);
            out.put(SUBTYPE_UUID);
            out.putLongBigEndian(uuid.getMostSignificantBits());
            out.putLongBigEndian(uuid.getLeastSignificantBits());
            return BINARY;
        } else if (value instanceof LegacyUUID legacy) {
            out.putInt(16);
            out.put(SUBTYPE_LEGACY_UUID);
            out.putLong(legacy.getUuid().getMostSignificantBits());
            out.putLong(legacy.getUuid().getLeastSignificantBits());
            return BINARY;
        } else if (value instanceof BinData bin) {
            binary(SUBTYPE_GENERIC, bin.getData(), out);
            return BINARY;
        } else if (value instanceof byte[] bytes) {
            binary(SUBTYPE_BYTES, bytes, out);
            return BINARY;
        } else if (value.getClass() == BsonRegularExpression.class) {
            BsonRegularExpression regex = (BsonRegularExpression) value;
            out.putCString(regex.getPattern());
            out.putCString(regex.getOptions());
            return REGEX;
        } else if (value instanceof BsonJavaScript js) {
            out.putString(js.getCode());
            return JAVASCRIPT;
        } else if (value.getClass() == MinKey.class) {
            return MIN_KEY;
        } else if (value.getClass() == MaxKey.class) {
            return MAX_KEY;
        }
        throw new Unencodable("no exact stored form for " + value.getClass().getName());
    }

    private static byte instant(Instant instant, Writer out) {
        if (instant.getNano() % 1_000_000 == 0) {
            try {
                out.putLong(instant.toEpochMilli());
                return DATE_TIME;
            } catch (ArithmeticException beyondMillis) {
                // falls through to the precise form
            }
        }
        out.putLong(instant.getEpochSecond());
        out.putInt(instant.getNano());
        return PRECISE_INSTANT;
    }

    private static void binary(byte subtype, byte[] data, Writer out) {
        out.putInt(data.length);
        out.put(subtype);
        out.put(data);
    }

    // Reading: the buffer is H2's page buffer (big-endian, shared), so little-endian numbers are
    // reversed by hand rather than by changing the buffer's order.

    static Document decode(ByteBuffer in) {
        int start = in.position();
        int length = Integer.reverseBytes(in.getInt());
        int end = start + length;
        Document document = new Document();
        byte type;
        while ((type = in.get()) != 0) {
            String key = cString(in);
            document.put(key, value(type, in));
        }
        if (in.position() != end) {
            throw new IllegalStateException("stored document length " + length + " does not match its content");
        }
        return document;
    }

    static List<Object> decodeArray(ByteBuffer in) {
        in.getInt();
        List<Object> values = new ArrayList<>();
        byte type;
        while ((type = in.get()) != 0) {
            skipCString(in);
            values.add(value(type, in));
        }
        return values;
    }

    private static Object value(byte type, ByteBuffer in) {
        switch (type) {
            case STRING:
                return string(in);
            case INT32:
                return Integer.reverseBytes(in.getInt());
            case INT64:
                return Long.reverseBytes(in.getLong());
            case DOUBLE:
                return Double.longBitsToDouble(Long.reverseBytes(in.getLong()));
            case BOOLEAN:
                return in.get() != 0;
            case NULL:
                return null;
            case DOCUMENT:
                return decode(in);
            case ARRAY:
                return decodeArray(in);
            case DATE_TIME:
                return Instant.ofEpochMilli(Long.reverseBytes(in.getLong()));
            case PRECISE_INSTANT: {
                long seconds = Long.reverseBytes(in.getLong());
                return Instant.ofEpochSecond(seconds, Integer.reverseBytes(in.getInt()));
            }
            case OBJECT_ID: {
                byte[] id = new byte[12];
                in.get(id);
                return new ObjectId(id);
            }
            case DECIMAL128: {
                long low = Long.reverseBytes(in.getLong());
                return new Decimal128(low, Long.reverseBytes(in.getLong()));
            }
            case TIMESTAMP:
                return new BsonTimestamp(Long.reverseBytes(in.getLong()));
            case BINARY:
                return binary(in);
            case REGEX: {
                String pattern = cString(in);
                return new BsonRegularExpression(pattern, cString(in));
            }
            case JAVASCRIPT:
                return new BsonJavaScript(string(in));
            case MIN_KEY:
                return MinKey.getInstance();
            case MAX_KEY:
                return MaxKey.getInstance();
            default:
                throw new IllegalStateException("unknown stored BSON type 0x" + Integer.toHexString(type & 0xFF));
        }
    }

    private static Object binary(ByteBuffer in) {
        int length = Integer.reverseBytes(in.getInt());
        byte subtype = in.get();
        switch (subtype) {
            case SUBTYPE_UUID:
                return new UUID(in.getLong(), in.getLong());
            case SUBTYPE_LEGACY_UUID: {
                long most = Long.reverseBytes(in.getLong());
                return new LegacyUUID(most, Long.reverseBytes(in.getLong()));
            }
            case SUBTYPE_GENERIC:
            case SUBTYPE_BYTES: {
                byte[] data = new byte[length];
                in.get(data);
                return subtype == SUBTYPE_GENERIC ? new BinData(data) : data;
            }
            default:
                throw new IllegalStateException("unknown stored binary subtype 0x" + Integer.toHexString(subtype & 0xFF));
        }
    }

    private static String string(ByteBuffer in) {
        int length = Integer.reverseBytes(in.getInt()) - 1;
        String s = utf8(in, in.position(), length);
        in.position(in.position() + length + 1);
        return s;
    }

    private static String cString(ByteBuffer in) {
        int start = in.position();
        int end = start;
        while (in.get(end) != 0) {
            end++;
        }
        String s = utf8(in, start, end - start);
        in.position(end + 1);
        return s;
    }

    private static void skipCString(ByteBuffer in) {
        int end = in.position();
        while (in.get(end) != 0) {
            end++;
        }
        in.position(end + 1);
    }

    private static String utf8(ByteBuffer in, int at, int length) {
        if (in.hasArray()) {
            return new String(in.array(), in.arrayOffset() + at, length, StandardCharsets.UTF_8);
        }
        byte[] copy = new byte[length];
        in.get(at, copy);
        return new String(copy, StandardCharsets.UTF_8);
    }
}
