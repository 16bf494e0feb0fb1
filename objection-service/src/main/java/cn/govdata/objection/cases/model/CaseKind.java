package cn.govdata.objection.cases.model;

import cn.govdata.domain.DomainModel;

/** Who raised the objection, which decides the rules that apply to it. */
@DomainModel
public enum CaseKind {
    /** A citizen, company or other organisation about data concerning it (NJ 35). */
    PUBLIC,
    /** A consumer department about problem data it received through sharing (NT 29, QZ 7.1, QY 28). */
    CONSUMER_REPORT,
    /** A data subject in the middle of a service; verified within the profile's days meanwhile (QY 28). */
    DATA_SUBJECT
}
