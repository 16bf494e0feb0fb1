package cn.govdata.objection.cases.model;

import cn.govdata.domain.DomainModel;

/** What is wrong with the data (NJ 35): an error, an omission, or an infringement of trade secrets or privacy. */
@DomainModel
public enum Reason {
    ERROR, OMISSION, INFRINGEMENT
}
