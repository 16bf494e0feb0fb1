package cn.govdata.objection.cases.model;

import cn.govdata.domain.Refusal;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ObjectionCaseTest {

    static final Instant T0 = Instant.parse("2026-11-23T02:00:00Z");
    /** Every step due one day after its period starts; the calendar is tested elsewhere. */
    static final StepPlanner PLANNER = (step, department, start, autoAct) -> new CaseStep(step, department, start,
            start.plus(Duration.ofDays(1)), step.ruleKey().key(), "NJ 35", autoAct ? "AUTO_ACT" : "ESCALATE_TO_BUREAU",
            null, false, null, false);

    static ObjectionCase filed(String recordKey, boolean markOnReceipt, boolean autoMark) {
        return ObjectionCase.file("YY-2026-000001", CaseKind.PUBLIC, Reason.ERROR,
                new ObjectionCase.ResourceRef("PSB-1", "户籍", "PSB", "320100"), recordKey, List.of("住址"), "地址错误",
                new Objector("张三", "13812345678", null, null, null), new ObjectionCase.Filer("zs", "zhangsan", null), null,
                null, List.of(), T0, markOnReceipt, autoMark, "BDC", PLANNER);
    }

    @Test
    void anIdentifiedRecordIsMarkedOnReceiptAndOnlyTheTransferStepRuns() {
        ObjectionCase c = filed("R-1", true, true);

        assertThat(c.state()).isEqualTo(CaseState.DISPUTED);
        assertThat(c.marking().markedAt()).isEqualTo(T0);
        assertThat(c.step(Step.MARK).orElseThrow().onTime()).isTrue();
        assertThat(c.openStep().orElseThrow().step()).isEqualTo(Step.TRANSFER);
    }

    @Test
    void anUnidentifiedRecordWaitsForTheOperatorAndItsMarkStepEscalatesRatherThanActing() {
        ObjectionCase c = filed(null, true, true);

        assertThat(c.state()).isEqualTo(CaseState.RECEIVED);
        assertThat(c.open(Step.MARK).orElseThrow().action()).isEqualTo("ESCALATE_TO_BUREAU");
        assertThatThrownBy(() -> c.route(Route.DEPARTMENT, "PSB", "op", T0, "BDC", PLANNER))
                .isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.kind()).isEqualTo(Refusal.Kind.CONFLICT))
                .hasMessageContaining("not marked");
        assertThat(c.mark("R-9", null, "op", T0.plusSeconds(60), false).recordKey()).isEqualTo("R-9");
    }

    @Test
    void aTransferredCaseIsDecidedByTheDepartmentWithinItsOwnPeriodThenFixedAndClosed() {
        Instant transferAt = T0.plus(Duration.ofHours(3));
        ObjectionCase routed = filed("R-1", true, false).route(Route.DEPARTMENT, "PSB", "op", transferAt, "BDC", PLANNER);

        CaseStep decision = routed.open(Step.SOURCE_DECISION).orElseThrow();
        assertThat(decision.periodStart()).isEqualTo(transferAt);
        assertThat(decision.responsibleDepartment()).isEqualTo("PSB");

        ObjectionCase correcting = routed.decide(Decision.CORRECT, null, "psb", transferAt.plusSeconds(60), PLANNER);
        assertThat(correcting.open(Step.FIX)).isPresent();
        ObjectionCase closed = correcting.correct(List.of("住址"), null, "psb", transferAt.plusSeconds(120));
        assertThat(closed.state()).isEqualTo(CaseState.CLOSED);
        assertThat(closed.outcome()).isEqualTo(Outcome.CORRECTED);
        assertThat(closed.steps()).noneMatch(CaseStep::isOpen);
        assertThatThrownBy(() -> closed.withdraw("x", "zs", transferAt.plusSeconds(180)))
                .isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.kind()).isEqualTo(Refusal.Kind.CONFLICT));
    }

    @Test
    void thePlatformsOwnDecisionRunsFromReceiptNotFromRouting() {
        ObjectionCase routed = filed("R-1", true, false).route(Route.PLATFORM, null, "op", T0.plusSeconds(3600), "BDC", PLANNER);

        assertThat(routed.open(Step.PLATFORM_DECISION).orElseThrow().periodStart()).isEqualTo(T0);
        assertThat(routed.routing().department()).isEqualTo("BDC");
    }

    @Test
    void aMissedStepIsRecordedOnceAndAWithdrawalCancelsWhatIsStillOpen() {
        ObjectionCase escalated = filed("R-1", true, false).escalated(Step.TRANSFER, T0.plus(Duration.ofDays(2)));

        assertThat(escalated.escalated()).isTrue();
        assertThat(escalated.open(Step.TRANSFER).orElseThrow().missedAt()).isEqualTo(T0.plus(Duration.ofDays(2)));
        ObjectionCase withdrawn = escalated.withdraw("重复提交", "op", T0.plus(Duration.ofDays(3)));
        assertThat(withdrawn.outcome()).isEqualTo(Outcome.WITHDRAWN);
        assertThat(withdrawn.step(Step.TRANSFER).orElseThrow().cancelled()).isTrue();
        assertThat(withdrawn.step(Step.TRANSFER).orElseThrow().escalated()).isTrue();
    }
}
