package cn.govdata.policy;

/** A deployment override names an unknown key or a value that does not parse; the message names the key. */
public class PolicyOverrideException extends IllegalArgumentException {

    private final String key;

    PolicyOverrideException(String key, String message) {
        super(message);
        this.key = key;
    }

    PolicyOverrideException(String key, String message, Throwable cause) {
        super(message, cause);
        this.key = key;
    }

    public String key() {
        return key;
    }
}
