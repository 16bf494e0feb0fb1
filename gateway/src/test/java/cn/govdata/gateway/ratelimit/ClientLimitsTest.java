package cn.govdata.gateway.ratelimit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClientLimitsTest {

    static final ClientLimit DEFAULT = new ClientLimit(20, 40, 1);
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-07T08:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path directory;

    @Test
    void a_limit_set_for_a_client_survives_a_restart_and_a_reset_does_too() {
        Path file = directory.resolve("nested/rate-limits.json");
        ClientLimits before = new ClientLimits(DEFAULT, new ClientLimitFile(file), CLOCK);
        before.set("psb-system", new ClientLimit(100, 150, 1), "operator-1");
        before.set("tax-system", new ClientLimit(5, 5, 1), "operator-1");
        before.reset("tax-system", "operator-1");

        ClientLimits after = new ClientLimits(DEFAULT, new ClientLimitFile(file), CLOCK);

        assertThat(after.limitFor("psb-system")).isEqualTo(new ClientLimit(100, 150, 1));
        assertThat(after.limitFor("tax-system")).isEqualTo(DEFAULT);
        assertThat(after.overrideFor("psb-system").orElseThrow().updatedBy()).isEqualTo("operator-1");
        assertThat(after.overrideFor("psb-system").orElseThrow().updatedAt()).isEqualTo(CLOCK.instant());
    }

    @Test
    void clients_without_a_setting_get_the_default() {
        ClientLimits limits = new ClientLimits(DEFAULT, new ClientLimitFile(directory.resolve("none.json")), CLOCK);
        assertThat(limits.limitFor("anyone")).isEqualTo(DEFAULT);
        assertThat(limits.overrides()).isEmpty();
    }

    @Test
    void a_setting_that_cannot_be_written_is_not_applied() throws Exception {
        Path blocker = directory.resolve("not-a-directory");
        Files.writeString(blocker, "x");
        ClientLimits limits = new ClientLimits(DEFAULT, new ClientLimitFile(blocker.resolve("rate-limits.json")), CLOCK);

        assertThatThrownBy(() -> limits.set("psb-system", new ClientLimit(100, 100, 1), "op"))
                .isInstanceOf(java.io.UncheckedIOException.class);
        assertThat(limits.limitFor("psb-system")).isEqualTo(DEFAULT);
    }

    @Test
    void a_damaged_file_stops_the_start_rather_than_silently_dropping_limits() throws Exception {
        Path file = directory.resolve("rate-limits.json");
        Files.writeString(file, "[{\"clientId\": \"psb-system\", \"replenishRate\": 0");
        assertThatThrownBy(() -> new ClientLimits(DEFAULT, new ClientLimitFile(file), CLOCK))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(file.toString());
    }

    @Test
    void each_wrong_field_is_named() {
        assertThat(ClientLimit.check(0, 10, null)).extracting(ClientLimit.FieldError::field).containsExactly("replenishRate");
        assertThat(ClientLimit.check(10, 5, null)).extracting(ClientLimit.FieldError::field).containsExactly("burstCapacity");
        assertThat(ClientLimit.check(null, null, 0)).extracting(ClientLimit.FieldError::field)
                .containsExactly("replenishRate", "requestedTokens", "burstCapacity");
        assertThat(ClientLimit.check(10, 10, null)).isEmpty();
    }
}
