package cn.govdata.objection.cases;

/** How a case ended; also the {@code outcome} of DisputeResolved and ObjectorInformed. */
public enum Outcome {
    CORRECTED, REJECTED, WITHDRAWN
}
