package cn.govdata.catalog.department;

import cn.govdata.platform.outbox.OutboxMessage;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Repository;

import java.util.List;
import java.util.Optional;

/** The directory's store; other features of this service ask it whether a department exists. */
@Repository
public class Departments {

    private final MongoTemplate mongo;

    Departments(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /**
     * Stores a new department together with its events in one insert.
     *
     * @throws org.springframework.dao.DuplicateKeyException when the code is taken
     */
    void add(Department department, List<OutboxMessage> events) {
        mongo.insert(new DepartmentDocument(department.code(), department, null, events));
    }

    public boolean exists(String code) {
        return mongo.exists(Query.query(Criteria.where("_id").is(code)), DepartmentDocument.class);
    }

    /** The department's registered name, for documents that name publishers. */
    public Optional<String> nameOf(String code) {
        return find(code).map(Department::name);
    }

    /** Every registered department's code, in code order (e.g. to open the annual census for each). */
    public List<String> codes() {
        Query all = new Query().with(Sort.by("_id"));
        all.fields().include("_id");
        return mongo.find(all, org.bson.Document.class, DepartmentDocument.COLLECTION).stream()
                .map(d -> d.getString("_id")).toList();
    }

    Optional<Department> find(String code) {
        return Optional.ofNullable(mongo.findById(code, DepartmentDocument.class)).map(DepartmentDocument::department);
    }

    Page<Department> list(DepartmentLevel level, String region, Pageable pageable) {
        Query query = new Query();
        if (level != null) {
            query.addCriteria(Criteria.where("department.level").is(level));
        }
        if (region != null) {
            query.addCriteria(Criteria.where("department.region").is(region));
        }
        long total = mongo.count(query, DepartmentDocument.class);
        query.with(pageable).with(Sort.by("_id"));
        return new PageImpl<>(mongo.find(query, DepartmentDocument.class).stream().map(DepartmentDocument::department).toList(),
                pageable, total);
    }
}
