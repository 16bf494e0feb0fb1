package cn.govdata.opendata.application;

import cn.govdata.platform.deadline.Deadline;
import cn.govdata.platform.deadline.DeadlineHandler;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * A department let the decision period (NJ 27 / SY 34 / QY 38) pass: the application shows it is
 * overdue; the engine's DeadlineMissed (ESCALATE) puts it before the bureau. Idempotent: only a
 * still-undecided application is marked.
 */
@Component
class MissedDecisions implements DeadlineHandler {

    private final MongoTemplate mongo;

    MissedDecisions(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public String process() {
        return ConditionalOpening.PROCESS;
    }

    @Override
    public String step() {
        return ConditionalOpening.DECISION_STEP;
    }

    @Override
    public void onMissed(Deadline deadline) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(deadline.subjectId())
                        .and("state").in(OpenApplication.State.SUBMITTED.name(), OpenApplication.State.ASSESSED.name())),
                new Update().set("decisionOverdue", true), OpenApplicationDocument.COLLECTION);
    }
}
