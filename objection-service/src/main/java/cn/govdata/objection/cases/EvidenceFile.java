package cn.govdata.objection.cases;

import java.time.Instant;

/** An evidence attachment's metadata; the content is in the evidence collection under {@code id}. */
public record EvidenceFile(String id, String filename, String contentType, long size, String sha256, Instant uploadedAt) {
}
