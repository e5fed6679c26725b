package com.penguinmails.crmsync.connector.salesforce.cdc;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import java.util.function.Supplier;

/**
 * Authenticates every Pub/Sub call with the connection's session, as the API wants it: metadata {@code accesstoken}
 * (the OAuth access token current when the call starts), {@code instanceurl} and {@code tenantid} (the org id).
 */
final class SessionMetadata implements ClientInterceptor {

    private static final Metadata.Key<String> ACCESS_TOKEN = key("accesstoken");
    private static final Metadata.Key<String> INSTANCE_URL = key("instanceurl");
    private static final Metadata.Key<String> TENANT_ID = key("tenantid");

    private final Supplier<String> token;
    private final Supplier<String> instanceUrl;
    private final String orgId;

    SessionMetadata(Supplier<String> token, Supplier<String> instanceUrl, String orgId) {
        this.token = token;
        this.instanceUrl = instanceUrl;
        this.orgId = orgId;
    }

    @Override
    public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
        return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
            @Override
            public void start(Listener<R> listener, Metadata headers) {
                headers.put(ACCESS_TOKEN, token.get());
                headers.put(INSTANCE_URL, instanceUrl.get());
                headers.put(TENANT_ID, orgId);
                super.start(listener, headers);
            }
        };
    }

    private static Metadata.Key<String> key(String name) {
        return Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER);
    }
}
