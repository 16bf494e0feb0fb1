package cn.govdata.sharing.resource;

import cn.govdata.domain.Refusal;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Repository;

import java.util.Map;
import java.util.Optional;

/** This service's read copy of the published catalog. */
@Repository
public class Resources {

    private final MongoTemplate mongo;

    Resources(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public Optional<SharedResource> find(String id) {
        return Optional.ofNullable(mongo.findById(id, SharedResource.class));
    }

    /**
     * The 404 for a resource sharing does not know. Sharing learns of catalog publications from
     * the catalog's events, so an entry approved a moment ago may not be here yet: say so.
     */
    public static Refusal unknown(String id) {
        return new Refusal(Refusal.Kind.NOT_FOUND, "not-found", "Shared resource not found",
                "Shared resource '" + id + "' does not exist: it must be a published catalog entry. Sharing learns of "
                        + "publications from the catalog's events, usually within a second of approval; if the entry "
                        + "was just published, retry shortly", Map.of("resourceId", id));
    }

    /** A resource that can be applied for or used: known and not withdrawn. */
    public SharedResource available(String id) {
        SharedResource resource = find(id).orElseThrow(() -> unknown(id));
        if (resource.availability() == SharedResource.Availability.WITHDRAWN) {
            throw Refusal.conflict("resource-withdrawn", "Resource " + id + " was withdrawn from the catalog");
        }
        return resource;
    }

    void save(SharedResource resource) {
        mongo.save(resource);
    }
}
