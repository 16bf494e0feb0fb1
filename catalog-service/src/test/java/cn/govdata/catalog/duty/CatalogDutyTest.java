package cn.govdata.catalog.duty;

import cn.govdata.domain.Refusal;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CatalogDutyTest {

    static final Instant DUE = Instant.parse("2026-10-23T16:00:00Z");

    CatalogDuty open() {
        return CatalogDuty.open("DUTY-1", "PSB", "320100", DutyTrigger.LAW_CHANGED, "法规修订", LocalDate.of(2026, 9, 28), null,
                List.of("301001-PSB-000001"), "officer", Instant.parse("2026-09-28T02:00:00Z"), DUE, "NJ 18");
    }

    @Test
    void doneJustBeforeTheExclusiveDueTimeIsOnTimeAndDoneAtItIsLate() {
        assertThat(open().fulfil(DUE.minusNanos(1), "officer", null, List.of()).onTime()).isTrue();
        assertThat(open().fulfil(DUE, "officer", null, List.of()).onTime()).isFalse();
    }

    @Test
    void anOverdueDutyCanStillBeFulfilledButOnlyLate() {
        CatalogDuty overdue = open().markOverdue(DUE);
        assertThat(overdue.state()).isEqualTo(DutyState.OVERDUE);
        CatalogDuty late = overdue.fulfil(DUE.plusSeconds(60), "officer", null, List.of());
        assertThat(late.state()).isEqualTo(DutyState.FULFILLED);
        assertThat(late.onTime()).isFalse();
        assertThat(late.overdueAt()).isEqualTo(DUE);
    }

    @Test
    void aFulfilledDutyIsFinal() {
        CatalogDuty done = open().fulfil(DUE.minusSeconds(60), "officer", null, List.of());
        assertThatThrownBy(() -> done.fulfil(DUE, "officer", null, List.of())).isInstanceOf(Refusal.class);
        assertThatThrownBy(() -> done.markOverdue(DUE)).isInstanceOf(IllegalStateException.class);
    }
}
