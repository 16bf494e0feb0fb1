package cn.govdata.audit.chain;

import cn.govdata.domain.DomainModel;

import java.time.Instant;
import java.util.LinkedHashSet;

/**
 * What the single writer of one chain knows about it between batches. Only the consumer that owns
 * the chain's partition holds one; it is dropped and reloaded from the store whenever partitions
 * are (re)assigned.
 */
@DomainModel
public final class ChainState {

    final String chain;
    final String topic;
    final int partition;
    final int window;
    long headSeq;
    String headHash = TrailRecord.GENESIS;
    String headBlock;
    long lastOffset = -1;
    long lastTimestamp = -1;
    final LinkedHashSet<String> recentIds = new LinkedHashSet<>();
    long checkpointNo;
    long checkpointSeq;
    Instant checkpointAt;
    String checkpointSignature;

    ChainState(String chain, String topic, int partition, int window) {
        this.chain = chain;
        this.topic = topic;
        this.partition = partition;
        this.window = window;
    }

    public static String chainOf(String topic, int partition) {
        return topic + "-" + partition;
    }

    public String chain() {
        return chain;
    }

    public synchronized long headSeq() {
        return headSeq;
    }

    void remember(String id) {
        recentIds.add(id);
        if (recentIds.size() > window) {
            var oldest = recentIds.iterator();
            oldest.next();
            oldest.remove();
        }
    }
}
