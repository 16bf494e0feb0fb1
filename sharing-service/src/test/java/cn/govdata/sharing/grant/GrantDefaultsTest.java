package cn.govdata.sharing.grant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** A grant's default rate and quota are one setting, read by issuing and by the exchange alike. */
@ExtendWith(OutputCaptureExtension.class)
class GrantDefaultsTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(GrantConfiguration.class);

    @Test
    void without_settings_a_grant_allows_600_calls_a_minute_and_10000_records_a_day() {
        context.run(ctx -> assertThat(ctx.getBean(GrantDefaults.class)).isEqualTo(new GrantDefaults(600, 10_000)));
    }

    @Test
    void the_grants_keys_set_the_defaults() {
        context.withPropertyValues("govdata.sharing.grants.default-rate-per-minute=120",
                        "govdata.sharing.grants.default-daily-quota=500")
                .run(ctx -> assertThat(ctx.getBean(GrantDefaults.class)).isEqualTo(new GrantDefaults(120, 500)));
    }

    @Test
    void the_old_exchange_keys_still_work_with_a_deprecation_warning(CapturedOutput output) {
        context.withPropertyValues("govdata.exchange.limits.default-rate-per-minute=30",
                        "govdata.exchange.limits.default-daily-quota=70")
                .run(ctx -> assertThat(ctx.getBean(GrantDefaults.class)).isEqualTo(new GrantDefaults(30, 70)));
        assertThat(output).contains("govdata.exchange.limits.default-rate-per-minute is deprecated")
                .contains("set govdata.sharing.grants.default-daily-quota instead");
    }

    @Test
    void the_grants_keys_win_over_the_old_exchange_keys() {
        context.withPropertyValues("govdata.sharing.grants.default-rate-per-minute=120",
                        "govdata.exchange.limits.default-rate-per-minute=30")
                .run(ctx -> assertThat(ctx.getBean(GrantDefaults.class).ratePerMinute()).isEqualTo(120));
    }

    @Test
    void a_grant_stored_without_limits_gets_the_defaults_and_one_with_limits_keeps_its_own() {
        GrantDefaults defaults = new GrantDefaults(600, 10_000);
        Grant.Draft draft = new Grant.Draft();
        assertThat(defaults.ratePerMinute(draft.build())).isEqualTo(600);
        assertThat(defaults.dailyQuota(draft.build())).isEqualTo(10_000);
        draft.ratePerMinute = 5;
        draft.dailyQuota = 50;
        assertThat(defaults.ratePerMinute(draft.build())).isEqualTo(5);
        assertThat(defaults.dailyQuota(draft.build())).isEqualTo(50);
    }
}
