package cn.govdata.opendata.plan;

import cn.govdata.domain.Refusal;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PriorityDomainKeyTest {

    @Test
    @DisplayName("SY 36, QY 31: a plan item's priority domain is a key of the controlled list; none is allowed")
    void sy36Qy31KnownKeysAreKeptAndNoneIsAllowed() {
        assertThat(FilingPlans.priorityDomain(" transport ", "items[0].priorityDomain")).isEqualTo("transport");
        assertThat(FilingPlans.priorityDomain("public-safety", "items[0].priorityDomain")).isEqualTo("public-safety");
        assertThat(FilingPlans.priorityDomain(null, "items[0].priorityDomain")).isNull();
        assertThat(FilingPlans.priorityDomain(" ", "items[0].priorityDomain")).isNull();
    }

    @Test
    @DisplayName("SY 36, QY 31: an unknown priority domain is refused with 400 naming the field and the known keys")
    void sy36Qy31AnUnknownDomainIsRefusedNamingTheField() {
        assertThatThrownBy(() -> FilingPlans.priorityDomain("交通", "items[2].priorityDomain"))
                .isInstanceOfSatisfying(Refusal.class, problem -> {
                    assertThat(problem.kind()).isEqualTo(Refusal.Kind.INVALID);
                    assertThat(problem.properties().get("errors").toString()).contains("field=items[2].priorityDomain");
                    assertThat(problem.getMessage()).contains("transport").contains("SY 36");
                });
    }
}
