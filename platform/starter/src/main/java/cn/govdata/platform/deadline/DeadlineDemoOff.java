package cn.govdata.platform.deadline;

import cn.govdata.platform.problem.PlatformException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Without the demo switch, {@code POST <api-base>/deadlines} does not exist. The read side shares the
 * path, so Spring would answer 405; this makes it the 404 an unknown endpoint gets.
 */
@RestController
class DeadlineDemoOff {

    @PostMapping("${govdata.api-base}/deadlines")
    void register() {
        throw PlatformException.notFound("Endpoint", "POST /deadlines (demonstrations only: govdata.time.adjustable=true)");
    }
}
