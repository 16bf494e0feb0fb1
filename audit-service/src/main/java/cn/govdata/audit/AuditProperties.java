package cn.govdata.audit;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;

/**
 * Settings of the audit office ({@code govdata.audit.*}).
 *
 * @param signing          the checkpoint signing key ({@code govdata.audit.signing.*})
 * @param bureauDepartment the data bureau's directory code: catalog reviews are its approvals
 */
@ConfigurationProperties("govdata.audit")
public record AuditProperties(Signing signing, Ingest ingest,
                              Checkpoints checkpoints, Verification verification, UsageDigest usageDigest,
                              EarlyWarning earlyWarning, Scorecards scorecards, String bureauDepartment) {

    public AuditProperties {
        signing = signing == null ? new Signing(null, null, null) : signing;
        ingest = ingest == null ? new Ingest(0, 0) : ingest;
        checkpoints = checkpoints == null ? new Checkpoints(0, null) : checkpoints;
        verification = verification == null ? new Verification(null, null) : verification;
        usageDigest = usageDigest == null ? new UsageDigest(null, null, 0, 0, null) : usageDigest;
        earlyWarning = earlyWarning == null ? new EarlyWarning(null, 0, 0, null, 0, null, null, 0, null) : earlyWarning;
        scorecards = scorecards == null ? new Scorecards(null, null, null) : scorecards;
        bureauDepartment = bureauDepartment == null || bureauDepartment.isBlank() ? "BDB" : bureauDepartment;
    }

    /**
     * The Ed25519 key that signs checkpoints, archive seals and chain heads.
     *
     * @param privateKey         PKCS#8 Ed25519 private key, PEM or base64 DER ({@code openssl genpkey
     *                           -algorithm ed25519}). Never in a file in the repository; from the
     *                           environment or a secret store. Start-up fails under a prod profile without one.
     * @param privateKeyFile     a file holding that key instead (the local runner's dev key)
     * @param previousPublicKeys public keys (PEM/base64 SubjectPublicKeyInfo) used before a rotation:
     *                           older checkpoints still verify and the keys stay published
     */
    public record Signing(String privateKey, Path privateKeyFile, List<String> previousPublicKeys) {
        public Signing {
            previousPublicKeys = previousPublicKeys == null ? List.of() : List.copyOf(previousPublicKeys);
        }
    }

    /**
     * @param dedupeWindow ids per chain remembered for deduplication by {@code ce_id}: an outbox relay
     *                     re-sends an event seconds after the first copy, never days
     * @param concurrency  listener threads; partitions (and so chains) are spread over them
     */
    public record Ingest(int dedupeWindow, int concurrency) {
        public Ingest {
            dedupeWindow = dedupeWindow <= 0 ? 50_000 : dedupeWindow;
            concurrency = concurrency <= 0 ? 1 : concurrency;
        }
    }

    /** A signed checkpoint after this many records of a chain, or this long after the last one if the chain grew. */
    public record Checkpoints(int everyRecords, Duration interval) {
        public Checkpoints {
            everyRecords = everyRecords <= 0 ? 1_000 : everyRecords;
            interval = interval == null ? Duration.ofMinutes(5) : interval;
        }
    }

    /** Walks every chain this often (and on demand); the first run comes {@code initialDelay} after start-up. */
    public record Verification(Duration interval, Duration initialDelay) {
        public Verification {
            interval = interval == null ? Duration.ofHours(1) : interval;
            initialDelay = initialDelay == null ? Duration.ofSeconds(20) : initialDelay;
        }
    }

    /**
     * Usage-log digests pushed to departments (QZ 8.4): one per department and closed period,
     * compiled {@code grace} after the period ends so late events are in.
     */
    public record UsageDigest(Duration period, Duration grace, int maxLines, int maxCatchUp, Duration check) {
        public UsageDigest {
            period = period == null ? Duration.ofHours(1) : period;
            grace = grace == null ? Duration.ofMinutes(2) : grace;
            maxLines = maxLines <= 0 ? 200 : maxLines;
            maxCatchUp = maxCatchUp <= 0 ? 48 : maxCatchUp;
            check = check == null ? Duration.ofMinutes(1) : check;
        }
    }

    /**
     * Early warning on access events (SY 43).
     *
     * @param volumeMinRecords    an hour with fewer records is never unusual
     * @param volumeFactor        unusual = more than this many times the consumer's mean hourly records
     * @param baselineWindow      the moving baseline: mean over this many past hours (missing hours count 0)
     * @param offHoursMinRecords  records outside working hours within one hour that raise OFF_HOURS_BULK
     * @param enumerationLookups  single-record lookups (or distinct keys) within {@code enumerationWindow}
     *                            that raise ENUMERATION
     */
    public record EarlyWarning(Boolean enabled, long volumeMinRecords, double volumeFactor, Duration baselineWindow,
                               long offHoursMinRecords, LocalTime workdayStart, LocalTime workdayEnd,
                               long enumerationLookups, Duration enumerationWindow) {
        public EarlyWarning {
            enabled = enabled == null || enabled;
            volumeMinRecords = volumeMinRecords <= 0 ? 500 : volumeMinRecords;
            volumeFactor = volumeFactor <= 0 ? 5.0 : volumeFactor;
            baselineWindow = baselineWindow == null ? Duration.ofDays(7) : baselineWindow;
            offHoursMinRecords = offHoursMinRecords <= 0 ? 200 : offHoursMinRecords;
            workdayStart = workdayStart == null ? LocalTime.of(8, 30) : workdayStart;
            workdayEnd = workdayEnd == null ? LocalTime.of(18, 0) : workdayEnd;
            enumerationLookups = enumerationLookups <= 0 ? 300 : enumerationLookups;
            enumerationWindow = enumerationWindow == null ? Duration.ofMinutes(10) : enumerationWindow;
        }
    }

    /**
     * @param window          the current scorecard covers cases due within this period up to now
     * @param metricsRefresh  how often {@code supervision_score} is recomputed
     * @param snapshotCheck   how often the monthly snapshot job looks whether last month's is missing
     */
    public record Scorecards(Duration window, Duration metricsRefresh, Duration snapshotCheck) {
        public Scorecards {
            window = window == null ? Duration.ofDays(90) : window;
            metricsRefresh = metricsRefresh == null ? Duration.ofMinutes(1) : metricsRefresh;
            snapshotCheck = snapshotCheck == null ? Duration.ofMinutes(10) : snapshotCheck;
        }
    }
}
