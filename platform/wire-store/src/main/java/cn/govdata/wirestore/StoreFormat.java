package cn.govdata.wirestore;

import org.h2.mvstore.MVMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The format version of each map in the store file, kept in its collection's meta map (which
 * mongo-java-server reads only for {@code dataSize}, and which moves and is dropped with the collection).
 *
 * <p>Version 1: documents in {@link StoredDocumentType}'s form, keys and index entries in
 * {@link StoredKeyType}'s. A map without a version was written by H2's default type (Java serialization);
 * on opening it, every entry is read (both types still read the old form) and put back, which writes it in
 * the new form, and only then is the version recorded. A crash in between leaves a map that mixes both
 * forms and no version, which reads correctly and is upgraded again on the next start.
 */
final class StoreFormat {

    static final int CURRENT = 1;
    static final String DOCUMENTS_KEY = "govdata.format";
    static final String INDEX_KEY_PREFIX = "govdata.format.index.";

    private static final Logger log = LoggerFactory.getLogger(StoreFormat.class);

    private StoreFormat() {
    }

    static <K, V> void upgrade(MVMap<K, V> map, MVMap<String, Object> meta, String versionKey) {
        Object recorded = meta.get(versionKey);
        if (recorded instanceof Number version && version.intValue() >= CURRENT) {
            return;
        }
        long start = System.nanoTime();
        int rewritten = 0;
        // The iteration reads the map as it was when it began; putting entries back does not disturb it.
        for (var entry : map.entrySet()) {
            map.put(entry.getKey(), entry.getValue());
            rewritten++;
        }
        meta.put(versionKey, CURRENT);
        if (rewritten > 0) {
            log.info("rewrote {} entries of {} in store format {} in {} ms", rewritten, map.getName(), CURRENT,
                    (System.nanoTime() - start) / 1_000_000);
        }
    }
}
