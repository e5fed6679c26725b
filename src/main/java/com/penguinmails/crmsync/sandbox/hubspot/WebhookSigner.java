package com.penguinmails.crmsync.sandbox.hubspot;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs a delivery as HubSpot does (signature v3): Base64 of the HMAC-SHA256, keyed with the app's client secret, of
 * {@code POST}, the target URL with the %-escapes HubSpot's docs list ({@code %3A %2F %3F %40 %21 %24 %27 %28 %29
 * %2A %2C %3B}) decoded, the body and the timestamp in epoch milliseconds.
 */
final class WebhookSigner {

    private static final String DECODED = ":/?@!$'()*,;";

    private final byte[] secret;

    WebhookSigner(String clientSecret) {
        this.secret = clientSecret.getBytes(StandardCharsets.UTF_8);
    }

    String sign(String url, byte[] body, long timestamp) {
        ByteArrayOutputStream source = new ByteArrayOutputStream();
        source.writeBytes(("POST" + decoded(url)).getBytes(StandardCharsets.UTF_8));
        source.writeBytes(body);
        source.writeBytes(Long.toString(timestamp).getBytes(StandardCharsets.UTF_8));
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return Base64.getEncoder().encodeToString(hmac.doFinal(source.toByteArray()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** The URL with each listed escape (either case of hex digit) replaced by its character. */
    static String decoded(String url) {
        String result = url;
        for (char c : DECODED.toCharArray()) {
            String hex = String.format("%%%02X", (int) c);
            result = result.replace(hex, String.valueOf(c)).replace(hex.toLowerCase(Locale.ROOT),
                    String.valueOf(c));
        }
        return result;
    }
}
