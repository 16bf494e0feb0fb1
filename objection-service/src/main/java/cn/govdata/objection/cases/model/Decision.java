package cn.govdata.objection.cases.model;

import cn.govdata.domain.DomainModel;

@DomainModel
public enum Decision {
    CORRECT, REJECT
}
