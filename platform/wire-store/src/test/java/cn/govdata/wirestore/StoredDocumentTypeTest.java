package cn.govdata.wirestore;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
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

class StoredDocumentTypeTest {

    @TempDir
    Path dir;

    private final StoredDocumentType type = new StoredDocumentType();

    /** One field per value type mongo-java-server 1.47 holds in a document, with edge values. */
    static Document everyType() {
        List<Object> nestedArrays = new ArrayList<>(List.of(List.of(1, 2L), List.of(), new Document("in", "array")));
        nestedArrays.add(null);
        List<Object> longArray = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            longArray.add(i);
        }
        return new Document("_id", new ObjectId("5f2b6c1e9d3a4b0012345678"))
                .append("string", "企业登记信息 – 😀")
                .append("emptyString", "")
                .append("stringWithNul", "a\u0000b")
                .append("int", 42)
                .append("intMin", Integer.MIN_VALUE)
                .append("long", 42L)
                .append("longMax", Long.MAX_VALUE)
                .append("double", 4.2)
                .append("negativeZero", -0.0)
                .append("nan", Double.NaN)
                .append("infinity", Double.NEGATIVE_INFINITY)
                .append("decimal", new Decimal128(new BigDecimal("12345.6789")))
                .append("decimalNaN", Decimal128.NaN)
                .append("true", true)
                .append("false", false)
                .append("null", null)
                .append("instantMillis", Instant.ofEpochMilli(1_700_000_000_123L))
                .append("instantMicros", Instant.parse("2026-12-07T17:07:23.123456Z"))
                .append("instantNanosBeforeEpoch", Instant.ofEpochSecond(-5, 1))
                .append("instantMax", Instant.MAX)
                .append("timestamp", new BsonTimestamp(Instant.ofEpochSecond(1_700_000_000L), 7))
                .append("uuid", UUID.fromString("123e4567-e89b-12d3-a456-426614174000"))
                .append("legacyUuid", new LegacyUUID(UUID.fromString("00112233-4455-6677-8899-aabbccddeeff")))
                .append("binData", new BinData(new byte[] {0, 1, 2, (byte) 0xFF}))
                .append("emptyBinData", new BinData(new byte[0]))
                .append("javascript", new BsonJavaScript("function() { return 1; }"))
                .append("minKey", MinKey.getInstance())
                .append("maxKey", MaxKey.getInstance())
                .append("nested", new Document("a", new Document("b", new Document("c", List.of("deep", 1)))))
                .append("emptyDocument", new Document())
                .append("array", new ArrayList<>(List.of("x", 1, 2L, 3.0, true)))
                .append("emptyArray", new ArrayList<>())
                .append("nestedArrays", nestedArrays)
                .append("longArray", longArray)
                .append("字段", "unicode field name");
    }

    private Document roundTrip(Document document) {
        WriteBuffer buffer = new WriteBuffer();
        type.write(buffer, StoredDocument.of(document));
        type.write(buffer, StoredDocument.of(new Document("next", 1)));
        ByteBuffer read = buffer.getBuffer();
        read.flip();
        Document back = type.read(read).document();
        assertThat(type.read(read).document()).as("the entry after it starts where this one ends")
                .isEqualTo(new Document("next", 1));
        assertThat(read.hasRemaining()).isFalse();
        return back;
    }

    @Test
    void everyValueTypeComesBackAsTheSameJavaTypeWithAnEqualValue() {
        Document original = everyType();

        Document back = roundTrip(original);

        assertThat(back).isEqualTo(original);
        assertThat(new ArrayList<>(back.keySet())).as("field order").isEqualTo(new ArrayList<>(original.keySet()));
        for (String field : original.keySet()) {
            Object value = original.get(field);
            if (value != null) {
                assertThat(back.get(field)).as(field).isInstanceOf(value.getClass()).isEqualTo(value);
            }
        }
        assertThat(Double.doubleToRawLongBits((Double) back.get("negativeZero"))).isEqualTo(Double.doubleToRawLongBits(-0.0));
        assertThat(((Instant) back.get("instantMicros")).getNano()).isEqualTo(123_456_000);
        assertThat(back.get("minKey")).isSameAs(MinKey.getInstance());
    }

    @Test
    void aRegularExpressionKeepsItsPatternAndOptions() {
        // BsonRegularExpression has identity equality, so its parts are compared.
        Document back = roundTrip(new Document("re", new BsonRegularExpression("^a.*b$", "im")));

        BsonRegularExpression re = (BsonRegularExpression) back.get("re");
        assertThat(re.getPattern()).isEqualTo("^a.*b$");
        assertThat(re.getOptions()).isEqualTo("im");
    }

    @Test
    void aByteArrayStaysAByteArrayAndBinDataStaysBinData() {
        Document back = roundTrip(new Document("bytes", new byte[] {9, 8, 7}).append("bin", new BinData(new byte[] {9, 8, 7})));

        assertThat(back.get("bytes")).isInstanceOf(byte[].class);
        assertThat((byte[]) back.get("bytes")).containsExactly(9, 8, 7);
        assertThat(back.get("bin")).isEqualTo(new BinData(new byte[] {9, 8, 7}));
    }

    @Test
    void aDocumentWithAValueBsonCannotHoldExactlyIsKeptInTheExactOldForm() {
        Document original = new Document("_id", "x")
                .append("float", 1.5f)
                .append("set", new LinkedHashSet<>(List.of("a", "b")))
                .append("plainMap", new HashMap<>(Map.of("k", "v")))
                .append("lone surrogate", "\uD800");

        WriteBuffer buffer = new WriteBuffer();
        type.write(buffer, StoredDocument.of(original));
        ByteBuffer read = buffer.getBuffer();
        read.flip();

        assertThat(read.get(0)).as("H2's tag for a serialized object").isEqualTo((byte) 19);
        Document back = type.read(read).document();
        assertThat(back).isEqualTo(original);
        assertThat(back.get("float")).isInstanceOf(Float.class);
        assertThat(back.get("set")).isInstanceOf(LinkedHashSet.class);
    }

    @Test
    void aNulInAFieldNameFallsBackRatherThanTruncatingTheName() {
        Document original = new Document("a\u0000b", 1);

        assertThat(roundTrip(original)).isEqualTo(original);
    }

    @Test
    void aDocumentWrittenByH2sDefaultTypeIsRead() {
        Document original = everyType();
        // Java serialization itself does not keep these singletons (no readResolve, identity equality).
        original.remove("minKey");
        original.remove("maxKey");
        WriteBuffer buffer = new WriteBuffer();
        new ObjectDataType().write(buffer, original);
        ByteBuffer read = buffer.getBuffer();
        read.flip();

        StoredDocument stored = type.read(read);
        assertThat(stored.isSerialized()).as("converted to BSON as it is read").isFalse();
        assertThat(stored.document()).isEqualTo(original);
    }

    @SuppressWarnings("unchecked")
    @Test
    void everyReadReturnsAPrivateCopy() {
        StoredDocument stored = StoredDocument.of(new Document("_id", "x").append("tags", new ArrayList<>(List.of("a"))));

        Document first = stored.document();
        first.put("changed", true);
        ((List<Object>) first.get("tags")).add("b");

        assertThat(stored.document()).isEqualTo(new Document("_id", "x").append("tags", List.of("a")));
    }

    @Test
    void objectIdsAndIndexKeysRoundTripAndOldOnesAreRead() {
        StoredKeyType keys = new StoredKeyType();
        ObjectDataType old = new ObjectDataType();
        List<Object> values = List.of(new ObjectId(), "R-1", 7, 7L, UUID.randomUUID(),
                new KeyValue("a", 1, Instant.parse("2026-01-01T00:00:00Z")), new KeyValue(new ObjectId(), (Object) null),
                new KeyValue(new Document("x", List.of(1, 2))));

        for (Object value : values) {
            for (ObjectDataType writer : List.of(keys, old)) {
                WriteBuffer buffer = new WriteBuffer();
                writer.write(buffer, value);
                ByteBuffer read = buffer.getBuffer();
                read.flip();
                assertThat(keys.read(read)).as("%s written by %s", value, writer.getClass().getSimpleName()).isEqualTo(value);
                assertThat(read.hasRemaining()).isFalse();
            }
        }
        // Missing (the key of a document without _id) has identity equality and no exact form: it keeps
        // H2's form, read back as an equal-bytes instance, as before.
        WriteBuffer missing = new WriteBuffer();
        keys.write(missing, new KeyValue(Missing.getInstance()));
        ByteBuffer read = missing.getBuffer();
        read.flip();
        assertThat(read.get(0)).isEqualTo((byte) 19);
        assertThat(((KeyValue) keys.read(read)).get(0)).isInstanceOf(Missing.class);

        WriteBuffer objectId = new WriteBuffer();
        keys.write(objectId, new ObjectId());
        assertThat(objectId.position()).as("tag and 12 bytes").isEqualTo(13);
    }

    @Test
    void documentsSurviveAStoreFileClosedAndReopened() {
        Path file = dir.resolve("roundtrip.mv.db");
        List<Document> written = new ArrayList<>();
        try (MVStore store = MVStore.open(file.toString())) {
            MVMap<Object, StoredDocument> map = store.openMap("docs",
                    new MVMap.Builder<Object, StoredDocument>().keyType(new StoredKeyType()).valueType(new StoredDocumentType()));
            for (int i = 0; i < 2_000; i++) {
                Document document = everyType().append("_id", new ObjectId()).append("i", i);
                written.add(document);
                map.put(document.get("_id"), StoredDocument.of(document));
            }
        }

        try (MVStore store = MVStore.open(file.toString())) {
            MVMap<Object, StoredDocument> map = store.openMap("docs",
                    new MVMap.Builder<Object, StoredDocument>().keyType(new StoredKeyType()).valueType(new StoredDocumentType()));
            assertThat(map.size()).isEqualTo(written.size());
            for (Document document : written) {
                assertThat(map.get(document.get("_id")).document()).isEqualTo(document);
            }
        }
    }
}
