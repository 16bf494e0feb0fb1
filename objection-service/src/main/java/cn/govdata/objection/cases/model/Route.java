package cn.govdata.objection.cases.model;

import cn.govdata.domain.DomainModel;

/** Who decides: the platform within its own remit, or the department responsible for the data. */
@DomainModel
public enum Route {
    PLATFORM, DEPARTMENT
}
