package cn.govdata.objection.cases.model;

import cn.govdata.domain.DomainModel;

/** How a case ended; also the {@code outcome} of DisputeResolved and ObjectorInformed. */
@DomainModel
public enum Outcome {
    CORRECTED, REJECTED, WITHDRAWN
}
