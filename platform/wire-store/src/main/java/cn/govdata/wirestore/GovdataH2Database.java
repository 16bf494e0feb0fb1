package cn.govdata.wirestore;

import java.lang.reflect.Field;
import java.util.List;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.DatabaseResolver;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.MongoServerError;
import de.bwaldvogel.mongo.oplog.NoopOplog;
import de.bwaldvogel.mongo.oplog.Oplog;
import io.netty.channel.Channel;

/**
 * The H2 database with real secondary indexes ({@link SecondaryIndex}) and collections that plan queries
 * across them ({@link GovdataH2Collection}). Index descriptions are still kept by mongo-java-server in
 * {@code system.indexes}; on reopening the file it re-creates each index through
 * {@link #openOrCreateSecondaryIndex}, and the collection fills the empty index from its documents.
 */
final class GovdataH2Database extends H2Database {

    private static final Logger log = LoggerFactory.getLogger(GovdataH2Database.class);

    // The same map names H2Database uses (its constants are not visible), so existing files open unchanged.
    private static final String DATABASES_PREFIX = "databases.";
    private static final String META_PREFIX = "meta.";
    private static final String INDEX_INFIX = "._index_";

    // H2Database keeps the store private and calls openOrCreateCollection from its constructor, before a
    // field of this subclass could be set; reading the superclass's field is the only way to reach it then.
    private static final Field MV_STORE = storeField();

    // False while the superclass constructor opens collections and indexes (a field without initializer
    // keeps its default until this constructor's body runs): secondary indexes are then filled afterwards,
    // all of a collection's in one pass.
    private boolean opened;
    // No initializer, for the same reason: openOrCreateCollection fills it during the superclass constructor.
    private List<GovdataH2Collection> openedCollections;

    GovdataH2Database(String databaseName, MVStore mvStore, CursorRegistry cursorRegistry) {
        super(databaseName, mvStore, cursorRegistry);
        if (openedCollections != null) {
            openedCollections.forEach(GovdataH2Collection::fillDeferredIndexes);
            openedCollections = null;
        }
        opened = true;
    }

    boolean isOpening() {
        return !opened;
    }

    @Override
    protected Index<Object> openOrCreateSecondaryIndex(String collectionName, String indexName, List<IndexKey> keys,
                                                       boolean sparse) {
        log.info("adding {} secondary index {} on {} for collection {}", sparse ? "sparse" : "non-sparse", indexName,
                keys.stream().map(IndexKey::getKey).toList(), collectionName);
        return new SecondaryIndex(indexName, keys, sparse);
    }

    /**
     * Opens the index's map with {@link StoredKeyType} before mongo-java-server does: its own
     * {@code openMap(name)} then returns this map instead of one with H2's default types.
     */
    @Override
    protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
                                                    boolean sparse) {
        String fullCollectionName = getFullCollectionNamespace(collectionName);
        MVStore mvStore = mvStore();
        MVMap<Object, Object> indexMap = mvStore.openMap(fullCollectionName + INDEX_INFIX + indexName,
                new MVMap.Builder<>().keyType(new StoredKeyType()).valueType(new StoredKeyType()));
        StoreFormat.upgrade(indexMap, mvStore.openMap(META_PREFIX + fullCollectionName),
                StoreFormat.INDEX_KEY_PREFIX + indexName);
        return super.openOrCreateUniqueIndex(collectionName, indexName, keys, sparse);
    }

    @Override
    protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
        String fullCollectionName = getFullCollectionNamespace(collectionName);
        MVStore mvStore = mvStore();
        MVMap<Object, StoredDocument> dataMap = mvStore.openMap(DATABASES_PREFIX + fullCollectionName,
                new MVMap.Builder<Object, StoredDocument>().keyType(new StoredKeyType()).valueType(new StoredDocumentType()));
        MVMap<String, Object> metaMap = mvStore.openMap(META_PREFIX + fullCollectionName);
        StoreFormat.upgrade(dataMap, metaMap, StoreFormat.DOCUMENTS_KEY);
        GovdataH2Collection collection = new GovdataH2Collection(this, collectionName, options, dataMap, metaMap, cursorRegistry);
        if (!opened) {
            if (openedCollections == null) {
                openedCollections = new java.util.ArrayList<>();
            }
            openedCollections.add(collection);
        }
        return collection;
    }

    private MVStore mvStore() {
        try {
            return (MVStore) MV_STORE.get(this);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Field storeField() {
        try {
            Field field = H2Database.class.getDeclaredField("mvStore");
            field.setAccessible(true);
            return field;
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("mongo-java-server's H2Database changed: no mvStore field", e);
        }
    }

    /**
     * Without an oplog, mongo-java-server answers a change stream with a NoSuchElementException and a
     * stack trace in this log. Answer as a standalone mongod does instead (code 40573), so a client
     * sees a plain refusal and falls back (the catalog's search feeder then polls).
     */
    @Override
    public Document handleCommand(Channel channel, String command, Document query, DatabaseResolver databaseResolver,
                                  Oplog oplog) {
        if (oplog instanceof NoopOplog && "aggregate".equalsIgnoreCase(command) && opensChangeStream(query)) {
            throw new MongoServerError(40573, "Location40573",
                    "The $changeStream stage is only supported on replica sets (the wire store runs without an oplog: --oplog=on)");
        }
        return super.handleCommand(channel, command, query, databaseResolver, oplog);
    }

    private static boolean opensChangeStream(Document query) {
        return query.get("pipeline") instanceof List<?> pipeline && !pipeline.isEmpty()
                && pipeline.get(0) instanceof Document first && first.containsKey("$changeStream");
    }
}
