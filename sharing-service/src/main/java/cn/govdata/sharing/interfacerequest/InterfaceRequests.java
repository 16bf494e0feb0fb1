package cn.govdata.sharing.interfacerequest;

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

/** The interface requests collection (an outbox collection). */
@Repository
class InterfaceRequests {

    private final MongoTemplate mongo;
    private final VersionedWrites writes;

    InterfaceRequests(MongoTemplate mongo) {
        this.mongo = mongo;
        this.writes = new VersionedWrites(mongo);
        // One per filter the list combines: a department's own (provider or consumer, an $or answered by
        // both indexes), a county's region, a state, the overdue flag; the bureau's unfiltered list by date.
        var indexes = mongo.indexOps(InterfaceRequestDocument.class);
        indexes.createIndex(new Index().on("provider", Sort.Direction.ASC).on("raisedAt", Sort.Direction.DESC));
        indexes.createIndex(new Index().on("consumer", Sort.Direction.ASC).on("raisedAt", Sort.Direction.DESC));
        indexes.createIndex(new Index().on("region", Sort.Direction.ASC).on("raisedAt", Sort.Direction.DESC));
        indexes.createIndex(new Index().on("state", Sort.Direction.ASC).on("raisedAt", Sort.Direction.DESC));
        indexes.createIndex(new Index().on("overdue", Sort.Direction.ASC).on("raisedAt", Sort.Direction.DESC));
        indexes.createIndex(new Index().on("raisedAt", Sort.Direction.DESC));
    }

    Optional<InterfaceRequest> find(String id) {
        return Optional.ofNullable(mongo.findById(id, InterfaceRequestDocument.class)).map(InterfaceRequestDocument::toDomain);
    }

    InterfaceRequest get(String id) {
        return find(id).orElseThrow(() -> Refusal.notFound("Interface request", id));
    }

    void insert(InterfaceRequest request, List<OutboxMessage> events) {
        mongo.insert(InterfaceRequestDocument.from(request, events));
    }

    InterfaceRequest update(InterfaceRequest changed, List<OutboxMessage> events) {
        if (!writes.update(changed.id(), changed.version(), InterfaceRequestDocument.from(changed, List.of()), events, Set.of())) {
            throw Refusal.conflict("concurrent-change",
                    "Interface request " + changed.id() + " was changed by someone else meanwhile; reload it and try again");
        }
        return get(changed.id());
    }

    Page<InterfaceRequest> page(Criteria criteria, Pageable pageable) {
        long total = mongo.count(Query.query(criteria), InterfaceRequestDocument.class);
        List<InterfaceRequest> content = total == 0 ? List.of() : mongo.find(Query.query(criteria)
                        .with(Sort.by(Sort.Direction.DESC, "raisedAt").and(Sort.by("_id"))).with(pageable), InterfaceRequestDocument.class)
                .stream().map(InterfaceRequestDocument::toDomain).toList();
        return new PageImpl<>(new ArrayList<>(content), pageable, total);
    }

    @Configuration(proxyBeanMethods = false)
    static class InterfaceRequestOutbox {

        @Bean
        OutboxCollection interfaceRequestsOutbox() {
            return new OutboxCollection(InterfaceRequestDocument.COLLECTION);
        }
    }
}
