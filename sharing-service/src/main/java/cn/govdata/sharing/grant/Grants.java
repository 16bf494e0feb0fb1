package cn.govdata.sharing.grant;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The grants collection; the exchange reads it on every call. */
@Repository
public class Grants {

    private final MongoTemplate mongo;

    Grants(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public Optional<Grant> find(String id) {
        return Optional.ofNullable(mongo.findById(id, Grant.class));
    }

    /** The consumer department's grants on a resource that are not revoked or expired, newest first. */
    public List<Grant> current(String consumerDepartment, String resourceId) {
        return mongo.find(Query.query(Criteria.where("consumerDepartment").is(consumerDepartment)
                        .and("resourceId").is(resourceId).and("state").in(Grant.State.ACTIVE, Grant.State.SUSPENDED))
                .with(Sort.by(Sort.Direction.DESC, "issuedAt")), Grant.class);
    }

    /** Records use without touching the version, so a concurrent state change is never overwritten. */
    public void touch(String grantId, Instant usedAt) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(grantId)), new Update().max("lastUsedAt", usedAt), Grant.class);
    }
}
