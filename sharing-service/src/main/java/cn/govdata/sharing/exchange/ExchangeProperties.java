package cn.govdata.sharing.exchange;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.util.unit.DataSize;

import java.time.Duration;

/**
 * The exchange's tuning. Defaults suit the platform; tests and the benchmark override single values.
 *
 * @param grantCacheTtl    how long a consumer's grants, a resource and a provider registration are
 *                         reused between calls; also the longest a suspension or revocation takes to
 *                         bite in a replica that did not make it (0 = read on every call)
 * @param connectTimeout   connecting to a provider; a connect failure is retried once
 * @param maxPageSize      records per query page at most
 * @param maxResponseSize  a provider response larger than this is refused (502)
 * @param maxPurposeLength longer X-Purpose headers are refused
 */
@ConfigurationProperties("govdata.exchange")
record ExchangeProperties(Duration grantCacheTtl, Duration connectTimeout, int maxPageSize, DataSize maxResponseSize,
                          int maxPurposeLength, CircuitBreaker circuitBreaker, Retry retry,
                          Enumeration enumeration, AccessLog accessLog, Verification verification) {

    @ConstructorBinding
    ExchangeProperties {
        grantCacheTtl = grantCacheTtl == null ? Duration.ofSeconds(1) : grantCacheTtl;
        connectTimeout = connectTimeout == null ? Duration.ofMillis(500) : connectTimeout;
        maxPageSize = maxPageSize <= 0 ? 100 : maxPageSize;
        maxResponseSize = maxResponseSize == null ? DataSize.ofMegabytes(4) : maxResponseSize;
        maxPurposeLength = maxPurposeLength <= 0 ? 200 : maxPurposeLength;
        circuitBreaker = circuitBreaker == null ? new CircuitBreaker(0, 0, 0, null, 0) : circuitBreaker;
        retry = retry == null ? new Retry(0, null) : retry;
        enumeration = enumeration == null ? new Enumeration(null, 0, 0, 0, 0, null) : enumeration;
        accessLog = accessLog == null ? new AccessLog(null, 0, 0, null, null, null, null, null) : accessLog;
        verification = verification == null ? new Verification(0, 0) : verification;
    }

    /** Without verification settings (the defaults). */
    ExchangeProperties(Duration grantCacheTtl, Duration connectTimeout, int maxPageSize, DataSize maxResponseSize,
                       int maxPurposeLength, CircuitBreaker circuitBreaker, Retry retry,
                       Enumeration enumeration, AccessLog accessLog) {
        this(grantCacheTtl, connectTimeout, maxPageSize, maxResponseSize, maxPurposeLength, circuitBreaker, retry,
                enumeration, accessLog, null);
    }

    /**
     * Verification must not become an oracle: a masked ID number's hidden birth date has ~3,300
     * candidates and a masked phone 10,000, so guesses are capped per calendar day.
     *
     * @param maxAttemptsPerKeyPerDay verifications of one record key under one grant
     * @param maxAttemptsPerGrantPerDay verifications under one grant, all keys together
     */
    record Verification(int maxAttemptsPerKeyPerDay, int maxAttemptsPerGrantPerDay) {
        Verification {
            maxAttemptsPerKeyPerDay = maxAttemptsPerKeyPerDay <= 0 ? 5 : maxAttemptsPerKeyPerDay;
            maxAttemptsPerGrantPerDay = maxAttemptsPerGrantPerDay <= 0 ? 2_000 : maxAttemptsPerGrantPerDay;
        }
    }

    /**
     * One breaker per provider registration: it opens when {@code failureRateThreshold}% of the last
     * {@code slidingWindowSize} calls (at least {@code minimumNumberOfCalls}) failed with a connect
     * error, a timeout or a 5xx, answers 503 at once while open, and lets
     * {@code permittedCallsInHalfOpenState} trial calls through after {@code waitDurationInOpenState}.
     */
    record CircuitBreaker(int failureRateThreshold, int slidingWindowSize, int minimumNumberOfCalls,
                          Duration waitDurationInOpenState, int permittedCallsInHalfOpenState) {
        CircuitBreaker {
            failureRateThreshold = failureRateThreshold <= 0 ? 50 : failureRateThreshold;
            slidingWindowSize = slidingWindowSize <= 0 ? 20 : slidingWindowSize;
            minimumNumberOfCalls = minimumNumberOfCalls <= 0 ? 10 : minimumNumberOfCalls;
            waitDurationInOpenState = waitDurationInOpenState == null ? Duration.ofSeconds(10) : waitDurationInOpenState;
            permittedCallsInHalfOpenState = permittedCallsInHalfOpenState <= 0 ? 3 : permittedCallsInHalfOpenState;
        }
    }

    /** Reads are retried only when the connection could not be made (the provider never saw the request). */
    record Retry(int maxAttempts, Duration backoff) {
        Retry {
            maxAttempts = maxAttempts <= 0 ? 2 : maxAttempts;
            backoff = backoff == null ? Duration.ofMillis(50) : backoff;
        }
    }

    /**
     * Crawler detection per client and resource within {@code window} (QZ 5.3). A key is a
     * sequential step when its number differs from one of the client's recent keys by at most
     * {@code sequentialStep}. Crossing a threshold blocks the client on the resource for {@code blockFor}.
     * A threshold of -1 switches that rule off.
     */
    record Enumeration(Duration window, int maxSequentialSteps, int maxNotFound, int maxDistinctKeys,
                       int sequentialStep, Duration blockFor) {
        Enumeration {
            window = window == null ? Duration.ofMinutes(1) : window;
            maxSequentialSteps = maxSequentialSteps == 0 ? 20 : maxSequentialSteps;
            maxNotFound = maxNotFound == 0 ? 30 : maxNotFound;
            maxDistinctKeys = maxDistinctKeys == 0 ? 1200 : maxDistinctKeys;
            sequentialStep = sequentialStep <= 0 ? 16 : sequentialStep;
            blockFor = blockFor == null ? Duration.ofMinutes(10) : blockFor;
        }
    }

    /**
     * How access records reach the database before their events reach Kafka (see {@link AccessLog}).
     *
     * @param mode             GROUP_COMMIT (default): a call waits until its access record is written,
     *                         together with whatever other calls queued meanwhile; ASYNC: the call does
     *                         not wait (records still queued at a crash are lost); SYNC: one insert per call
     * @param queueCapacity    access records waiting for the writer at most; a full queue refuses calls (503)
     * @param maxBatch         access records per database write at most; the relay removes each event from
     *                         its document separately, so large batches make relaying quadratic
     * @param writeTimeout     how long a call waits for its record to be written (GROUP_COMMIT)
     * @param janitorInterval  how often relayed batches move from access_log to access_archive
     * @param archiveRetention how long access_archive keeps batches; the audit office keeps the long-term log
     * @param usageFlush       how often daily-quota counters and grant last-use times are written
     * @param touchInterval    a grant's lastUsedAt is written at most this often
     */
    record AccessLog(Mode mode, int queueCapacity, int maxBatch, Duration writeTimeout, Duration janitorInterval,
                     Duration archiveRetention, Duration usageFlush, Duration touchInterval) {
        enum Mode {
            GROUP_COMMIT, ASYNC, SYNC
        }

        AccessLog {
            mode = mode == null ? Mode.GROUP_COMMIT : mode;
            queueCapacity = queueCapacity <= 0 ? 10_000 : queueCapacity;
            maxBatch = maxBatch <= 0 ? 50 : maxBatch;
            writeTimeout = writeTimeout == null ? Duration.ofSeconds(2) : writeTimeout;
            janitorInterval = janitorInterval == null ? Duration.ofSeconds(5) : janitorInterval;
            archiveRetention = archiveRetention == null ? Duration.ofDays(30) : archiveRetention;
            usageFlush = usageFlush == null ? Duration.ofSeconds(1) : usageFlush;
            touchInterval = touchInterval == null ? Duration.ofMinutes(1) : touchInterval;
        }
    }
}
