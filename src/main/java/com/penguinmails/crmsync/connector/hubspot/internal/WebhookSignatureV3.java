package com.penguinmails.crmsync.connector.hubspot.internal;

import com.penguinmails.crmsync.connector.support.WebhookDelivery;
import com.penguinmails.crmsync.connector.support.WebhookRefusedException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HubSpot's request signature v3: {@code X-HubSpot-Signature-v3} = Base64(HMAC-SHA256(app client secret, method +
 * URL + raw body + {@code X-HubSpot-Request-Timestamp})), the URL with the %-escapes HubSpot's docs list decoded
 * (HubSpot signs the decoded form; its Node SDK does not decode, so a URL without those escapes is the safe choice),
 * compared in constant time, and the timestamp at most 5 minutes from when the delivery was received (either way).
 */
public final class WebhookSignatureV3 {

    public static final String SIGNATURE = "X-HubSpot-Signature-v3";
    public static final String TIMESTAMP = "X-HubSpot-Request-Timestamp";
    static final Duration MAX_SKEW = Duration.ofMinutes(5);

    /** The escapes HubSpot decodes before signing, case-insensitively. */
    private static final Pattern ESCAPES = Pattern.compile("%(3A|2F|3F|40|21|24|27|28|29|2A|2C|3B)",
            Pattern.CASE_INSENSITIVE);

    private WebhookSignatureV3() {
    }

    /**
     * Checks the delivery's signature and age against {@code secret}.
     *
     * @throws WebhookRefusedException 401 naming the header at fault
     */
    public static void verify(WebhookDelivery delivery, String secret) {
        String signature = delivery.header(SIGNATURE).map(String::strip).filter(s -> !s.isEmpty())
                .orElseThrow(() -> refused("missing " + SIGNATURE + " header"));
        String timestamp = delivery.header(TIMESTAMP).map(String::strip).orElse("");
        Instant sentAt = parseMillis(timestamp);
        Duration age = Duration.between(sentAt, delivery.receivedAt());
        if (age.compareTo(MAX_SKEW) > 0) {
            throw refused(TIMESTAMP + " is more than 5 minutes old (replayed or delayed delivery)");
        }
        if (age.negated().compareTo(MAX_SKEW) > 0) {
            throw refused(TIMESTAMP + " is more than 5 minutes in the future");
        }
        byte[] expected = sign(secret, delivery.method(), delivery.url().toString(), delivery.body(), timestamp);
        byte[] given;
        try {
            given = Base64.getDecoder().decode(signature);
        } catch (IllegalArgumentException notBase64) {
            given = new byte[0];
        }
        if (!MessageDigest.isEqual(expected, given)) {
            throw refused(SIGNATURE + " does not match the request (wrong client secret, or URL or body changed)");
        }
    }

    /** The raw HMAC-SHA256 of a request as HubSpot computes it (the URL's listed escapes decoded first). */
    static byte[] sign(String secret, String method, String url, byte[] body, String timestamp) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((method.toUpperCase(Locale.ROOT) + decodeListedEscapes(url))
                    .getBytes(StandardCharsets.UTF_8));
            mac.update(body);
            return mac.doFinal(timestamp.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** The URL with only HubSpot's listed escapes decoded; any other escape (e.g. {@code %20}) stays as it is. */
    static String decodeListedEscapes(String url) {
        Matcher matcher = ESCAPES.matcher(url);
        StringBuilder decoded = new StringBuilder();
        while (matcher.find()) {
            char c = (char) Integer.parseInt(matcher.group(1), 16);
            matcher.appendReplacement(decoded, Matcher.quoteReplacement(String.valueOf(c)));
        }
        return matcher.appendTail(decoded).toString();
    }

    private static Instant parseMillis(String timestamp) {
        try {
            return Instant.ofEpochMilli(Long.parseLong(timestamp));
        } catch (NumberFormatException e) {
            throw refused(timestamp.isEmpty() ? "missing " + TIMESTAMP + " header"
                    : TIMESTAMP + " is not epoch milliseconds");
        }
    }

    private static WebhookRefusedException refused(String message) {
        return new WebhookRefusedException(401, "HubSpot webhook refused: " + message);
    }
}
