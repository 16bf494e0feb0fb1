package cn.govdata.audit.chain;

import cn.govdata.platform.security.Roles;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * Auditors and the bureau check the trail: a full walk now, or the result of the last scheduled
 * one; and the signed checkpoints, which witnesses outside the platform can keep copies of and
 * later hold against the trail.
 */
@RestController
@RequestMapping("/api/audit")
@PreAuthorize("hasAnyRole('" + Roles.AUDITOR + "', '" + Roles.BUREAU_REVIEWER + "')")
class VerificationController {

    private final IntegrityMonitor monitor;
    private final Checkpoints checkpoints;

    VerificationController(IntegrityMonitor monitor, Checkpoints checkpoints) {
        this.monitor = monitor;
        this.checkpoints = checkpoints;
    }

    /** Walks every chain now unless {@code cached=true} asks for the last scheduled result. */
    @GetMapping("/verification")
    VerificationReport verification(@RequestParam(defaultValue = "false") boolean cached) {
        VerificationReport last = monitor.last();
        return cached && last != null ? last : monitor.verifyNow();
    }

    @GetMapping("/checkpoints")
    CheckpointsResponse checkpoints(@RequestParam String chain) {
        return new CheckpointsResponse(chain, checkpoints.keyId(), checkpoints.of(chain));
    }

    record CheckpointsResponse(String chain, String currentKeyId, List<Checkpoints.Checkpoint> checkpoints) {
    }
}
