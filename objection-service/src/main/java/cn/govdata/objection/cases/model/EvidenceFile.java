package cn.govdata.objection.cases.model;

import cn.govdata.domain.DomainModel;

import java.time.Instant;

/** An evidence attachment's metadata; the content is in the evidence collection under {@code id}. */
@DomainModel
public record EvidenceFile(String id, String filename, String contentType, long size, String sha256, Instant uploadedAt) {
}
