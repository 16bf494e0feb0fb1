package cn.govdata.platform.deadline;

import cn.govdata.platform.problem.PlatformException;
import cn.govdata.platform.security.Roles;
import cn.govdata.policy.PolicyOverrideException;
import cn.govdata.policy.RuleKey;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Demo registration of deadlines, only with {@code govdata.time.adjustable=true} (see
 * {@link DeadlineAutoConfiguration}); {@link DeadlineController} has the read side.
 *
 * <p>{@code POST <api-base>/deadlines}, platform operator only, registers an arbitrary deadline for
 * demonstrations until the workflows register their own:
 * <pre>
 * {"process":"objection","step":"mark-disputed","subjectId":"OBJ-1","responsibleDepartment":"BDC",
 *  "region":"320100","receivedAt":"2026-11-20T02:00:00Z","rule":"objection-mark",
 *  "action":"ESCALATE_TO_BUREAU","remindBefore":"PT4H"}
 * </pre>
 * Either {@code rule} (a policy key; due time from the effective profile and the working-day
 * calendar, counted from {@code receivedAt} or now) or {@code dueAt}. Answers 201 with the
 * deadline, or 200 with the existing one when the step was registered before:
 * <pre>
 * {"id":"5f0c…","process":"objection","step":"mark-disputed","subjectId":"OBJ-1","responsibleDepartment":"BDC",
 *  "region":"320100","receivedAt":"2026-11-20T02:00:00Z","dueAt":"2026-11-23T16:00:00Z","action":"ESCALATE_TO_BUREAU",
 *  "remindBefore":"PT4H","remindAt":"2026-11-23T12:00:00Z","rule":"objection-mark","ruleSource":"REGULATION",
 *  "ruleCitation":"NJ 35","state":"PENDING","registeredAt":"…","remindedAt":null,"firedAt":null,"closedAt":null}
 * </pre>
 */
@RestController
class DeadlineDemoController {

    private final DeadlineRegistry registry;
    private final Clock clock;

    DeadlineDemoController(DeadlineRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    record RegisterDeadline(
            @NotBlank @Size(max = 64) String process,
            @NotBlank @Size(max = 64) String step,
            @NotBlank @Size(max = 128) String subjectId,
            @NotBlank @Size(max = 32) String responsibleDepartment,
            @Pattern(regexp = "[0-9]{6}", message = "must be a 6-digit GB/T 2260 region code") String region,
            Instant receivedAt,
            Instant dueAt,
            String rule,
            @NotNull ExpiryAction action,
            Duration remindBefore) {
    }

    @PostMapping("${govdata.api-base}/deadlines")
    @PreAuthorize("hasRole('" + Roles.PLATFORM_OPERATOR + "')")
    ResponseEntity<Deadline> register(@Valid @RequestBody RegisterDeadline body) {
        if (body.remindBefore() != null && (body.remindBefore().isZero() || body.remindBefore().isNegative())) {
            throw PlatformException.invalidField("remindBefore", "must be a positive ISO-8601 duration such as PT4H");
        }
        DeadlineRequest request = DeadlineRequest.forStep(body.process(), body.step(), body.subjectId())
                .responsible(body.responsibleDepartment(), body.region())
                .onExpiry(body.action())
                .remindBefore(body.remindBefore());
        if (body.rule() != null && body.dueAt() != null) {
            throw PlatformException.invalidField("dueAt", "give either dueAt or rule, not both");
        } else if (body.rule() != null) {
            RuleKey key = ruleKey(body.rule());
            Instant received = body.receivedAt() != null ? body.receivedAt() : clock.instant();
            request = request.within(received, key);
        } else if (body.dueAt() != null) {
            request = request.dueAt(body.dueAt());
        } else {
            throw PlatformException.invalidField("dueAt", "give dueAt, or rule (with receivedAt, default now)");
        }
        var existing = registry.find(body.process(), body.step(), body.subjectId());
        if (existing.isPresent()) {
            return ResponseEntity.ok(existing.get());
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(registry.register(request));
    }

    private RuleKey ruleKey(String rule) {
        RuleKey key;
        try {
            key = RuleKey.fromKey(rule);
        } catch (PolicyOverrideException e) {
            throw PlatformException.invalidField("rule", e.getMessage());
        }
        try {
            registry.periodRule(key);
        } catch (IllegalArgumentException e) {
            throw PlatformException.invalidField("rule", e.getMessage());
        }
        return key;
    }
}
