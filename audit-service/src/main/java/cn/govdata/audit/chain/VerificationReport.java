package cn.govdata.audit.chain;

import cn.govdata.domain.DomainModel;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The result of walking every chain. A record whose content no longer matches its hash (or whose
 * hash no longer matches what the next record committed to) is <em>altered</em>; a sequence number
 * missing between two records or after the last one the head or a checkpoint knows is
 * <em>removed</em>; a record at a position already taken, or linking to nothing in the chain, is
 * <em>inserted</em>. Lists are cut at {@link #LIST_LIMIT}; the counts are complete.
 */
@DomainModel
public record VerificationReport(Status status, Instant verifiedAt, Duration took, long records, List<ChainReport> chains) {

    public static final int LIST_LIMIT = 1_000;

    public enum Status {
        INTACT, BROKEN
    }

    public record ChainReport(String chain, long records, long archived, Head head, CheckpointView lastCheckpoint,
                              int checkpoints, Long firstBrokenAt, List<String> altered, List<Long> removed,
                              List<String> inserted, long alteredCount, long removedCount, long insertedCount,
                              List<String> invalidCheckpoints, List<String> unverifiableCheckpoints, List<String> notes) {

        public boolean intact() {
            return alteredCount == 0 && removedCount == 0 && insertedCount == 0 && invalidCheckpoints.isEmpty()
                    && unverifiableCheckpoints.isEmpty();
        }
    }

    public record Head(long seq, String hash) {
    }

    public record CheckpointView(long no, long seq, String headHash, String at, String keyId, String verdict) {
    }
}
