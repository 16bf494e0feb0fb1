package cn.govdata.audit.trail;

import cn.govdata.audit.chain.TrailRecord;

import java.util.List;

/**
 * Told about events once they are safely in the trail. An observer that throws makes the batch be
 * redelivered; the chain then recognises the events as already stored and passes them to
 * {@link #redelivered} only, so observers that must not count twice do their work in
 * {@link #chained} and idempotent ones in both.
 */
public interface TrailObserver {

    void chained(List<TrailRecord> records);

    default void redelivered(List<TrailRecord> records) {
    }
}
