package cn.govdata.gateway.accesslog;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LoggablePathsTest {

    @Test
    void the_record_key_of_an_exchange_lookup_never_reaches_the_log() {
        assertThat(LoggablePaths.of("/api/exchange/PSB-0001/records/320115200206235413"))
                .isEqualTo("/api/exchange/PSB-0001/records/{key}");
        assertThat(LoggablePaths.of("/api/exchange/PSB-0001/records/320115200206235413/history"))
                .isEqualTo("/api/exchange/PSB-0001/records/{key}/history");
    }

    @Test
    void other_paths_are_logged_as_they_are() {
        assertThat(LoggablePaths.of("/api/exchange/PSB-0001/records")).isEqualTo("/api/exchange/PSB-0001/records");
        assertThat(LoggablePaths.of("/api/catalog/entries/PSB-0001")).isEqualTo("/api/catalog/entries/PSB-0001");
        assertThat(LoggablePaths.of(null)).isNull();
    }
}
