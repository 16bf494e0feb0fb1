package cn.govdata.audit.incident;

import cn.govdata.domain.DomainModel;

/**
 * Who must hear of an incident. NJ 34 ¶2 and SY 44 name two duties: 告知用户 (the users whose
 * personal information may be affected) and 向有关主管部门报告 (the competent authority, here the data
 * bureau); the departments whose data or systems are affected are told so they can act on their part.
 */
@DomainModel
public enum Recipient {
    DEPARTMENT, BUREAU, AFFECTED_USERS
}
