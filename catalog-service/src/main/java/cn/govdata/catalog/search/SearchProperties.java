package cn.govdata.catalog.search;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * How the search index follows the entries collection.
 *
 * @param changeStream      follow a MongoDB change stream (real replica sets; the wire store with its
 *                          oplog on); false, or a failing stream, means polling
 * @param pollInterval      pause between two polls of {@code updatedAt}
 * @param pollOverlap       each poll re-reads this far before the newest {@code updatedAt} seen, to
 *                          cover writers whose clocks lag a little; repeated documents are skipped by version
 * @param reconcileInterval while polling, how often the index compares ids and versions with the
 *                          collection (polling cannot see deletions)
 */
@ConfigurationProperties("govdata.catalog.search")
record SearchProperties(Boolean changeStream, Duration pollInterval, Duration pollOverlap, Duration reconcileInterval) {

    SearchProperties {
        changeStream = changeStream == null || changeStream;
        pollInterval = positive(pollInterval, Duration.ofSeconds(2), "poll-interval");
        pollOverlap = pollOverlap == null ? Duration.ofSeconds(10) : pollOverlap;
        reconcileInterval = positive(reconcileInterval, Duration.ofMinutes(1), "reconcile-interval");
    }

    static SearchProperties defaults() {
        return new SearchProperties(null, null, null, null);
    }

    private static Duration positive(Duration value, Duration fallback, String name) {
        if (value == null) {
            return fallback;
        }
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("govdata.catalog.search." + name + " must be positive but was " + value);
        }
        return value;
    }
}
