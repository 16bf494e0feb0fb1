package cn.govdata.privacy;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PseudonymsTest {

    private static final byte[] KEY = filled(1);
    private final Pseudonyms pseudonyms = new Pseudonyms(KEY);

    @Test
    void the_same_record_of_the_same_resource_always_gets_the_same_pseudonym() {
        String first = pseudonyms.of("PSB-0001", "320115199003071417");
        assertThat(new Pseudonyms(KEY).of("PSB-0001", "320115199003071417")).isEqualTo(first);
        assertThat(first).startsWith("pk_").hasSize(43).doesNotContain("320115");
        assertThat(Pseudonyms.isPseudonym(first)).isTrue();
    }

    @Test
    void it_is_the_truncated_hmac_sha256_of_resource_and_key_separated_by_nul() throws Exception {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(KEY, "HmacSHA256"));
        byte[] digest = mac.doFinal("R\u0000K".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(pseudonyms.of("R", "K")).isEqualTo("pk_" + java.util.HexFormat.of().formatHex(digest, 0, 20));
    }

    @Test
    void another_resource_another_key_or_a_shifted_separator_gives_another_pseudonym() {
        String base = pseudonyms.of("PSB-0001", "320115199003071417");
        assertThat(pseudonyms.of("PSB-0002", "320115199003071417")).isNotEqualTo(base);
        assertThat(new Pseudonyms(filled(2)).of("PSB-0001", "320115199003071417")).isNotEqualTo(base);
        assertThat(pseudonyms.of("a", "bc")).isNotEqualTo(pseudonyms.of("ab", "c"));
    }

    @Test
    void a_key_shorter_than_32_bytes_or_not_base64_is_refused() {
        assertThatThrownBy(() -> new Pseudonyms(new byte[31])).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32");
        assertThatThrownBy(() -> Pseudonyms.fromBase64("not base64!")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Pseudonyms.fromBase64(" ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("govdata.privacy.pseudonym-key");
        assertThat(Pseudonyms.fromBase64(Base64.getEncoder().encodeToString(KEY)).of("R", "K")).isEqualTo(pseudonyms.of("R", "K"));
    }

    @Test
    void the_key_is_copied_so_a_caller_clearing_its_array_changes_nothing() {
        byte[] key = filled(3);
        Pseudonyms p = new Pseudonyms(key);
        String before = p.of("R", "K");
        Arrays.fill(key, (byte) 0);
        assertThat(p.of("R", "K")).isEqualTo(before);
    }

    @Test
    void only_the_pseudonym_shape_counts_as_a_pseudonym() {
        assertThat(Pseudonyms.isPseudonym("320115199003071417")).isFalse();
        assertThat(Pseudonyms.isPseudonym("pk_XYZ")).isFalse();
        assertThat(Pseudonyms.isPseudonym(null)).isFalse();
    }

    private static byte[] filled(int value) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) value);
        return key;
    }
}
