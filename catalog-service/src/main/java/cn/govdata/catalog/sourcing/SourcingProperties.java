package cn.govdata.catalog.sourcing;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.nio.file.Path;

/**
 * @param similarityThreshold lowest bigram similarity (0..1) at which two departments' entry
 *                            names count as the same subject; see {@link ResourceSimilarity}
 * @param synonymsFile        a synonym dictionary to use instead of the shipped one, same format
 *                            ({@value ItemNames#RESOURCE}); lets the bureau extend it without a release
 */
@ConfigurationProperties("govdata.catalog.sourcing")
record SourcingProperties(Double similarityThreshold, Path synonymsFile) {

    SourcingProperties {
        similarityThreshold = similarityThreshold == null ? ResourceSimilarity.DEFAULT_THRESHOLD : similarityThreshold;
        if (similarityThreshold <= 0 || similarityThreshold > 1) {
            throw new IllegalArgumentException("govdata.catalog.sourcing.similarity-threshold must be in (0, 1] but was "
                    + similarityThreshold);
        }
    }
}
