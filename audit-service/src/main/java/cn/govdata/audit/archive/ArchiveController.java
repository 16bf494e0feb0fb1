package cn.govdata.audit.archive;

import cn.govdata.platform.security.Roles;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.Map;

/** Platform operators move records older than the retention period to the archive; nobody can delete them. */
@RestController
@RequestMapping("/api/audit/archive")
@PreAuthorize("hasRole('" + Roles.PLATFORM_OPERATOR + "')")
class ArchiveController {

    private final TrailArchive archive;

    ArchiveController(TrailArchive archive) {
        this.archive = archive;
    }

    @PostMapping
    TrailArchive.Result archive(@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant before) {
        return archive.archive(before);
    }

    /** The earliest date an archive may reach, as the profile's retention allows today. */
    @GetMapping
    Map<String, Object> cutoff() {
        return Map.of("retentionCutoff", archive.retentionCutoff());
    }
}
