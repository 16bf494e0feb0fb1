package cn.govdata.platform.directory;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import java.util.Optional;

/** Reads this service's copy of the department directory, e.g. to check that a department exists. */
public final class DepartmentDirectory {

    static final String COLLECTION = "directory";

    private final MongoTemplate mongo;
    private volatile boolean indexed;

    public DepartmentDirectory(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public Optional<DirectoryEntry> find(String code) {
        return Optional.ofNullable(mongo.findById(code, DirectoryEntry.class, COLLECTION));
    }

    public Page<DirectoryEntry> list(String region, Pageable pageable) {
        ensureIndexes();
        Query query = region == null ? new Query() : Query.query(Criteria.where("region").is(region));
        long total = mongo.count(query, DirectoryEntry.class, COLLECTION);
        query.with(pageable).with(Sort.by("_id"));
        return new PageImpl<>(mongo.find(query, DirectoryEntry.class, COLLECTION), pageable, total);
    }

    void save(DirectoryEntry entry) {
        ensureIndexes();
        mongo.save(entry, COLLECTION);
    }

    /** With the first use rather than at start-up, so a service starts while its store is away. */
    private void ensureIndexes() {
        if (!indexed) {
            mongo.indexOps(COLLECTION).createIndex(new Index().on("region", Sort.Direction.ASC).named("region"));
            indexed = true;
        }
    }
}
