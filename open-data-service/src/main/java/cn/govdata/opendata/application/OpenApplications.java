package cn.govdata.opendata.application;

import cn.govdata.domain.Refusal;
import cn.govdata.platform.outbox.OutboxMessage;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;

/**
 * The stored applications (collection {@code open_applications}) as the use cases of this feature
 * read and change them: every change is one conditional update of one document that also pushes its
 * event, so a state change and its event are written together or not at all. The indexes every query
 * of the feature needs are declared here, in one place.
 */
@Component
class OpenApplications {

    private final MongoTemplate mongo;

    OpenApplications(MongoTemplate mongo) {
        this.mongo = mongo;
        // Every call with an API key looks its licence up by the key's hash; only licensed applications carry one.
        mongo.indexOps(OpenApplicationDocument.COLLECTION).createIndex(new Index().on("licence.keyHash", Sort.Direction.ASC).sparse());
        // The bureau's list of licences with reports due (QZ 6.7); only licences that must report carry a due time.
        mongo.indexOps(OpenApplicationDocument.COLLECTION).createIndex(new Index().on("licence.nextReportDueAt", Sort.Direction.ASC).sparse());
        // Applicants list their own applications, departments theirs, newest first.
        mongo.indexOps(OpenApplicationDocument.COLLECTION).createIndex(new Index().on("applicantSubject", Sort.Direction.ASC)
                .on("submittedAt", Sort.Direction.DESC));
        mongo.indexOps(OpenApplicationDocument.COLLECTION).createIndex(new Index().on("department", Sort.Direction.ASC)
                .on("submittedAt", Sort.Direction.DESC));
        mongo.indexOps(OpenApplicationDocument.COLLECTION).createIndex(new Index().on("state", Sort.Direction.ASC)
                .on("submittedAt", Sort.Direction.DESC));
    }

    OpenApplication find(String id) {
        return findIfAny(id).orElseThrow(() -> Refusal.notFound("Open data application", id));
    }

    Optional<OpenApplication> findIfAny(String id) {
        return Optional.ofNullable(mongo.findById(id, OpenApplicationDocument.class)).map(OpenApplicationDocument::toDomain);
    }

    /** @throws org.springframework.dao.DuplicateKeyException when an application with this id is stored already */
    void insert(OpenApplication application, OutboxMessage event) {
        mongo.insert(OpenApplicationDocument.from(application, List.of(event)));
    }

    /** Moves the application from one state on, with its event; refused as a conflict when it is no longer in that state. */
    void transition(String id, OpenApplication.State from, Update update, OutboxMessage event, String conflict) {
        if (!update(Criteria.where("_id").is(id).and("state").is(from.name()), update.push("outbox", event))) {
            throw Refusal.conflict("application-state", conflict);
        }
    }

    /** @return whether the one document the criteria select was changed */
    boolean update(Criteria criteria, Update update) {
        return mongo.updateFirst(Query.query(criteria), update, OpenApplicationDocument.COLLECTION).getModifiedCount() == 1;
    }

    Optional<OpenApplication> findOne(Criteria criteria) {
        return Optional.ofNullable(mongo.findOne(Query.query(criteria), OpenApplicationDocument.class))
                .map(OpenApplicationDocument::toDomain);
    }

    List<OpenApplication> find(Criteria criteria, Sort sort, int limit) {
        return mongo.find(Query.query(criteria).with(sort).limit(limit), OpenApplicationDocument.class).stream()
                .map(OpenApplicationDocument::toDomain).toList();
    }
}
