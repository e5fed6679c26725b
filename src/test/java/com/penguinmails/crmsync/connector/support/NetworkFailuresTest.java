package com.penguinmails.crmsync.connector.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedChannelException;
import org.junit.jupiter.api.Test;

class NetworkFailuresTest {

    private static final URI TARGET = URI.create("http://127.0.0.1:1/api/v2/persons");

    @Test
    void aRefusedConnectionNamesHostAndPortAndNoExceptionClass() {
        ConnectException refused = new ConnectException();
        refused.initCause(new ClosedChannelException());

        assertThat(NetworkFailures.describe(refused, TARGET)).isEqualTo("cannot connect to 127.0.0.1:1 (connection refused)");
    }

    @Test
    void anUnknownHostAsksToCheckTheBaseUrl() {
        assertThat(NetworkFailures.describe(new IOException(new UnknownHostException("crm.invalid")),
                URI.create("https://crm.invalid/api"))).isEqualTo(
                "unknown host crm.invalid (check the connection's base URL)");
    }

    @Test
    void timeoutsSayWhetherTheConnectionOrTheAnswerTookTooLong() {
        assertThat(NetworkFailures.describe(new HttpConnectTimeoutException("HTTP connect timed out"), TARGET))
                .isEqualTo("cannot connect to 127.0.0.1:1 (no answer within the connect timeout)");
        assertThat(NetworkFailures.describe(new HttpTimeoutException("request timed out"), TARGET))
                .isEqualTo("127.0.0.1:1 did not answer within the read timeout");
    }

    @Test
    void anythingElseKeepsItsMessageOrSaysTheConnectionDropped() {
        assertThat(NetworkFailures.describe(new IOException("HTTP/1.1 header parser received no bytes"), null))
                .isEqualTo("the connection to the CRM failed (HTTP/1.1 header parser received no bytes)");
        assertThat(NetworkFailures.describe(new java.io.EOFException(), TARGET))
                .isEqualTo("the connection to 127.0.0.1:1 failed (it dropped without an answer)");
    }
}
