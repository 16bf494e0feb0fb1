package cn.govdata.platform.deadline;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeadlineHandlersTest {

    private static Deadline deadline(String subjectId) {
        return new Deadline(null, "objection", "mark", subjectId, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    @Test
    void aHandlerServesItsProcessAndStepAndHandsTheMissedDeadlineOn() {
        List<String> missed = new ArrayList<>();
        DeadlineHandler handler = DeadlineHandlers.onMissed("objection", "mark", d -> missed.add(d.subjectId()));

        handler.onMissed(deadline("GD-2026-000001"));

        assertThat(handler.process()).isEqualTo("objection");
        assertThat(handler.step()).isEqualTo("mark");
        assertThat(missed).containsExactly("GD-2026-000001");
        assertThat(handler).hasToString("DeadlineHandler[objection/mark]");
    }

    @Test
    void theReminderIsOnlyAnEvent() {
        List<String> missed = new ArrayList<>();
        DeadlineHandler handler = DeadlineHandlers.onMissed("objection", "mark", d -> missed.add(d.subjectId()));

        handler.onApproaching(deadline("GD-2026-000001"));

        assertThat(missed).isEmpty();
    }

    @Test
    void aHandlerWithoutProcessStepOrActionIsRefusedAtStartUp() {
        assertThatThrownBy(() -> DeadlineHandlers.onMissed(null, "mark", d -> { })).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> DeadlineHandlers.onMissed("objection", null, d -> { })).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> DeadlineHandlers.onMissed("objection", "mark", null)).isInstanceOf(NullPointerException.class);
    }
}
