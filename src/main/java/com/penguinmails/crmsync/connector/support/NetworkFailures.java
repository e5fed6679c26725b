package com.penguinmails.crmsync.connector.support;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.util.Locale;
import javax.net.ssl.SSLException;
import org.jspecify.annotations.Nullable;

/**
 * What a failed network exchange with a CRM means, in words an operator acts on ("cannot connect to
 * 127.0.0.1:1 (connection refused)", "unknown host crm.example"), instead of the JDK's exception names
 * ({@code ConnectException: ClosedChannelException}), which say little and read like a crash.
 */
public final class NetworkFailures {

    private NetworkFailures() {
    }

    /**
     * The failure of a request to {@code target} (null when unknown), in one phrase.
     *
     * @param failure the exception the HTTP or SOAP client threw, or one that wraps it
     */
    public static String describe(Throwable failure, @Nullable URI target) {
        String where = target == null || target.getHost() == null ? "the CRM"
                : target.getHost() + (target.getPort() < 0 ? "" : ":" + target.getPort());
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof UnknownHostException) {
                return "unknown host " + (target == null || target.getHost() == null ? message(t) : target.getHost())
                        + " (check the connection's base URL)";
            }
            if (t instanceof HttpConnectTimeoutException) {
                return "cannot connect to " + where + " (no answer within the connect timeout)";
            }
            if (t instanceof ConnectException || t instanceof ClosedChannelException
                    || t instanceof NoRouteToHostException) {
                return "cannot connect to " + where + " (" + connectReason(t) + ")";
            }
            if (t instanceof HttpTimeoutException || t instanceof SocketTimeoutException) {
                return where + " did not answer within the read timeout";
            }
            if (t instanceof SSLException) {
                return "the TLS handshake with " + where + " failed (" + message(t) + ")";
            }
        }
        String text = message(failure);
        return "the connection to " + where + " failed" + (text.isEmpty() ? " (it dropped without an answer)"
                : " (" + text + ")");
    }

    private static String connectReason(Throwable t) {
        String text = message(t).toLowerCase(Locale.ROOT);
        if (t instanceof NoRouteToHostException || text.contains("no route")) {
            return "no route to host";
        }
        if (text.contains("timed out")) {
            return "timed out";
        }
        return "connection refused";
    }

    private static String message(Throwable t) {
        return t.getMessage() == null ? "" : t.getMessage().strip();
    }
}
