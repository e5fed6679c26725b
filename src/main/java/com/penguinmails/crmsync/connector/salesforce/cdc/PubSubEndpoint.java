package com.penguinmails.crmsync.connector.salesforce.cdc;

import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.TlsChannelCredentials;
import java.net.URI;

/**
 * Where a connection's Pub/Sub API is, from its {@code pubSubEndpoint} setting: {@code https://host:port} (TLS, the
 * default {@value #DEFAULT}) or {@code http://host:port} (plaintext, the sandbox).
 */
record PubSubEndpoint(String host, int port, boolean tls) {

    static final String DEFAULT = "https://api.pubsub.salesforce.com:7443";

    /** @throws IllegalArgumentException when the setting is not an http(s) URL with a host */
    static PubSubEndpoint parse(String url) {
        URI uri = URI.create(url.trim());
        if (uri.getHost() == null || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
            throw new IllegalArgumentException("setting pubSubEndpoint must be an http(s) URL with a host, was "
                    + url);
        }
        boolean tls = "https".equals(uri.getScheme());
        return new PubSubEndpoint(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : tls ? 443 : 80, tls);
    }

    ManagedChannel channel() {
        ChannelCredentials credentials = tls ? TlsChannelCredentials.create() : InsecureChannelCredentials.create();
        return Grpc.newChannelBuilderForAddress(host, port, credentials).build();
    }
}
