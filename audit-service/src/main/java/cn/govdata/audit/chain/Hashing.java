package cn.govdata.audit.chain;

import cn.govdata.domain.DomainModel;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 as lower-case hex, one digest per thread (verification and ingest hash a lot). */
@DomainModel
public final class Hashing {

    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    });

    private Hashing() {
    }

    public static String sha256(String text) {
        return HexFormat.of().formatHex(SHA256.get().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** Hash of the canonical part of a stored entry, for comparing with the hash stored in front of it. */
    static boolean contentMatches(String entry) {
        if (entry.length() < 66 || entry.charAt(64) != ' ') {
            return false;
        }
        MessageDigest digest = SHA256.get();
        digest.update(entry.substring(65).getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest.digest()).regionMatches(0, entry, 0, 64);
    }
}
