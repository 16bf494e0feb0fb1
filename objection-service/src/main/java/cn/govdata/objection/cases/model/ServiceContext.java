package cn.govdata.objection.cases.model;

import cn.govdata.domain.DomainModel;

/**
 * The service during which a data subject objected (QY 28): while the data is verified the service
 * goes ahead when the subject shows valid proof; the case records that it did and on what.
 */
@DomainModel
public record ServiceContext(String servingDepartment, String serviceName, boolean proceededOnValidProof,
                             String proofNote) {
}
