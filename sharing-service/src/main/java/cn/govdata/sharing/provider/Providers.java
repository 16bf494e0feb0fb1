package cn.govdata.sharing.provider;

import cn.govdata.domain.Refusal;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** The provider registrations; the exchange reads them (through its own short-lived cache) on every call. */
@Repository
public class Providers {

    private final MongoTemplate mongo;
    private final CopyOnWriteArrayList<Consumer<String>> changeListeners = new CopyOnWriteArrayList<>();

    Providers(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public Optional<ProviderRegistration> find(String resourceId) {
        return Optional.ofNullable(mongo.findById(resourceId, ProviderRegistrationDocument.class))
                .map(ProviderRegistrationDocument::toDomain);
    }

    /** Called with the resource id whenever a registration changes in this replica. */
    public void onChange(Consumer<String> listener) {
        changeListeners.add(listener);
    }

    ProviderRegistration save(ProviderRegistration registration) {
        try {
            ProviderRegistration saved = mongo.save(ProviderRegistrationDocument.from(registration)).toDomain();
            changed(registration.id());
            return saved;
        } catch (OptimisticLockingFailureException e) {
            throw Refusal.conflict("concurrent-change",
                    "The registration of " + registration.id() + " changed meanwhile; reload it and try again");
        }
    }

    boolean addFile(String resourceId, ProviderRegistration.ProviderFile file) {
        var result = mongo.updateFirst(Query.query(Criteria.where("_id").is(resourceId)),
                new Update().push("files", file).inc("version", 1L), ProviderRegistrationDocument.class);
        changed(resourceId);
        return result.getMatchedCount() == 1;
    }

    void removeFile(String resourceId, String fileId) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(resourceId)),
                new Update().pull("files", new org.bson.Document("fileId", fileId)).inc("version", 1L), ProviderRegistrationDocument.class);
        changed(resourceId);
    }

    private void changed(String resourceId) {
        changeListeners.forEach(l -> l.accept(resourceId));
    }
}
