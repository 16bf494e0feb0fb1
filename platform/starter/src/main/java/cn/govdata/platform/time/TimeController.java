package cn.govdata.platform.time;

import cn.govdata.platform.problem.PlatformException;
import cn.govdata.platform.security.Caller;
import cn.govdata.platform.security.Roles;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.time.Duration;
import java.time.Instant;

/**
 * The service's adjustable clock, registered only when {@code govdata.time.adjustable=true}
 * (otherwise both paths answer 404). Each service process has its own offset: advancing one
 * service does not move the others.
 *
 * <p>{@code GET <api-base>/time}, any authenticated caller, and
 * {@code POST <api-base>/time/advance} with {@code {"by":"P3D"}} (an ISO-8601 duration, positive;
 * platform-operator only) both answer:
 * <pre>
 * {"now":"2026-11-24T07:40:00Z","localTime":"2026-11-24T15:40:00+08:00","zone":"Asia/Shanghai",
 *  "offset":"PT72H","adjustable":true}
 * </pre>
 * {@code offset} is how far the service runs ahead of real time, as an ISO-8601 duration.
 */
@RestController
class TimeController {

    private static final Logger log = LoggerFactory.getLogger(TimeController.class);

    private final OffsetClock clock;

    TimeController(OffsetClock clock) {
        this.clock = clock;
    }

    record TimeView(Instant now, String localTime, String zone, String offset, boolean adjustable) {
    }

    record AdvanceRequest(@NotNull Duration by) {
    }

    @GetMapping("${govdata.api-base}/time")
    TimeView now() {
        return view(clock.instant());
    }

    @PostMapping("${govdata.api-base}/time/advance")
    @PreAuthorize("hasRole('" + Roles.PLATFORM_OPERATOR + "')")
    TimeView advance(@Valid @RequestBody AdvanceRequest request, Caller caller) {
        if (request.by().isZero() || request.by().isNegative()) {
            throw PlatformException.invalidField("by", "must be a positive ISO-8601 duration such as P3D; the clock never goes back");
        }
        Instant now = clock.advance(request.by());
        // Every deadline of this service may fire now, so the move must be traceable in the log.
        log.warn("Clock advanced by {} on request of {}; service time is now {} (offset {})",
                request.by(), caller.actor(), now, clock.offset());
        return view(now);
    }

    private TimeView view(Instant now) {
        return new TimeView(now, now.atZone(clock.getZone()).toOffsetDateTime().toString(), clock.getZone().getId(),
                clock.offset().toString(), true);
    }
}
