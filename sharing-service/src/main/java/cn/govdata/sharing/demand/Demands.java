package cn.govdata.sharing.demand;

import cn.govdata.platform.outbox.OutboxCollection;
import cn.govdata.platform.outbox.OutboxMessage;
import cn.govdata.domain.Refusal;
import cn.govdata.platform.outbox.VersionedWrites;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Repository;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The demands collection (an outbox collection). */
@Repository
class Demands {

    private final MongoTemplate mongo;
    private final VersionedWrites writes;

    Demands(MongoTemplate mongo) {
        this.mongo = mongo;
        this.writes = new VersionedWrites(mongo);
        // One per filter the demand list combines: a department's own (requesting or addressed, an $or
        // answered by both indexes), a county's region, a state, the overdue flags.
        var indexes = mongo.indexOps(DemandDocument.class);
        indexes.createIndex(new Index().on("requestingDepartment", Sort.Direction.ASC).on("raisedAt", Sort.Direction.DESC));
        indexes.createIndex(new Index().on("addressedTo", Sort.Direction.ASC).on("raisedAt", Sort.Direction.DESC));
        indexes.createIndex(new Index().on("region", Sort.Direction.ASC).on("raisedAt", Sort.Direction.DESC));
        indexes.createIndex(new Index().on("state", Sort.Direction.ASC).on("raisedAt", Sort.Direction.DESC));
        indexes.createIndex(new Index().on("answerOverdue", Sort.Direction.ASC));
        indexes.createIndex(new Index().on("publishOverdue", Sort.Direction.ASC));
    }

    Optional<Demand> find(String id) {
        return Optional.ofNullable(mongo.findById(id, DemandDocument.class)).map(DemandDocument::toDomain);
    }

    Demand get(String id) {
        return find(id).orElseThrow(() -> Refusal.notFound("Demand", id));
    }

    void insert(Demand demand, List<OutboxMessage> events) {
        mongo.insert(DemandDocument.from(demand, events));
    }

    Demand update(Demand changed, List<OutboxMessage> events) {
        if (!writes.update(changed.id(), changed.version(), DemandDocument.from(changed, List.of()), events, Set.of())) {
            throw Refusal.conflict("concurrent-change",
                    "Demand " + changed.id() + " was changed by someone else meanwhile; reload it and try again");
        }
        return get(changed.id());
    }

    Page<Demand> page(Criteria criteria, Pageable pageable) {
        long total = mongo.count(Query.query(criteria), DemandDocument.class);
        List<Demand> content = total == 0 ? List.of() : mongo.find(Query.query(criteria)
                        .with(Sort.by(Sort.Direction.DESC, "raisedAt").and(Sort.by("_id"))).with(pageable), DemandDocument.class)
                .stream().map(DemandDocument::toDomain).toList();
        return new PageImpl<>(new ArrayList<>(content), pageable, total);
    }

    @Configuration(proxyBeanMethods = false)
    static class DemandOutbox {

        @Bean
        OutboxCollection demandsOutbox() {
            return new OutboxCollection(DemandDocument.COLLECTION);
        }
    }
}
