package cn.govdata.sharing.resource;

import cn.govdata.platform.problem.PlatformException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Repository;

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

    /** A resource that can be applied for or used: known and not withdrawn. */
    public SharedResource available(String id) {
        SharedResource resource = find(id).orElseThrow(() -> PlatformException.notFound("Shared resource", id));
        if (resource.availability() == SharedResource.Availability.WITHDRAWN) {
            throw PlatformException.conflict("resource-withdrawn", "Resource " + id + " was withdrawn from the catalog");
        }
        return resource;
    }

    void save(SharedResource resource) {
        mongo.save(resource);
    }
}
