package cn.govdata.objection.resource;

import cn.govdata.domain.Refusal;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Repository;

import java.util.List;
import java.util.Optional;

/** This service's read copy of the published catalog; written only by {@link CatalogFollower}. */
@Repository
public class CatalogResources {

    private final MongoTemplate mongo;

    CatalogResources(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public Optional<CatalogResource> find(String id) {
        return Optional.ofNullable(mongo.findById(id, CatalogResource.class));
    }

    /**
     * The published resource an objection names.
     *
     * @throws Refusal 400 naming {@code field} when the catalog has no such resource or withdrew it
     */
    public CatalogResource published(String id, String field) {
        CatalogResource resource = find(id).orElseThrow(() -> Refusal.invalidField(field,
                "no published catalog resource '" + id + "'"));
        if (resource.withdrawn()) {
            throw Refusal.invalidField(field, "resource '" + id + "' was withdrawn from the catalog");
        }
        return resource;
    }

    /**
     * @throws Refusal 400 naming {@code field[i]} for the first name that is not a data item of the resource
     */
    public static void requireItems(CatalogResource resource, List<String> items, String field) {
        for (int i = 0; i < items.size(); i++) {
            if (!resource.hasItem(items.get(i))) {
                throw Refusal.invalidField(field + "[" + i + "]", "'" + items.get(i)
                        + "' is not a data item of resource " + resource.id() + "; its items are " + resource.dataItems());
            }
        }
    }

    void save(CatalogResource resource) {
        mongo.save(resource);
    }
}
