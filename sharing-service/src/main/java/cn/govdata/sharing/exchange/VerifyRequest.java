package cn.govdata.sharing.exchange;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.Map;

/** A record's key and the values the consumer holds for some of its items, to be confirmed or not. */
record VerifyRequest(@NotBlank @Size(max = 128) String key,
                     @NotEmpty @Size(max = 50) Map<@NotBlank @Size(max = 200) String, @NotNull @Size(max = 1000) String> claims) {
}
