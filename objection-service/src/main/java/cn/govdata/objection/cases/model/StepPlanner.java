package cn.govdata.objection.cases.model;

import cn.govdata.domain.DomainModel;

import java.time.Instant;

/** Opens a step with its due time under the effective jurisdiction profile and working-day calendar. */
@FunctionalInterface
@DomainModel
public interface StepPlanner {

    /**
     * @param autoAct the platform does the step itself when it falls due (Nanjing's mark), rather than escalating
     */
    CaseStep open(Step step, String responsibleDepartment, Instant periodStart, boolean autoAct);
}
