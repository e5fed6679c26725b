package com.penguinmails.crmsync.sandbox.salesforce.pubsub;

import com.penguinmails.crmsync.sandbox.salesforce.auth.TokenRegistry;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Session-token auth of every Pub/Sub call, as Salesforce does it: the metadata {@code accesstoken} must be a valid
 * access token of the org, {@code instanceurl} the org's instance and {@code tenantid} its org id (15 or 18
 * characters); otherwise the call ends UNAUTHENTICATED with an {@code error-code} trailer. The token is kept in the
 * call's context so a stream can notice that it expired.
 */
final class PubSubAuth implements ServerInterceptor {

    static final Context.Key<String> TOKEN = Context.key("accesstoken");
    static final Metadata.Key<String> ERROR_CODE = Metadata.Key.of("error-code", Metadata.ASCII_STRING_MARSHALLER);
    static final String AUTH_ERROR = "sfdc.platform.eventbus.grpc.service.auth.error";

    private static final Metadata.Key<String> ACCESS_TOKEN = key("accesstoken");
    private static final Metadata.Key<String> INSTANCE_URL = key("instanceurl");
    private static final Metadata.Key<String> TENANT_ID = key("tenantid");

    private final TokenRegistry tokens;
    private final Supplier<String> instanceUrl;
    private final String orgId;

    PubSubAuth(TokenRegistry tokens, Supplier<String> instanceUrl, String orgId) {
        this.tokens = tokens;
        this.instanceUrl = instanceUrl;
        this.orgId = orgId;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                       ServerCallHandler<Q, R> next) {
        String token = headers.get(ACCESS_TOKEN);
        String refusal = refusal(token, headers.get(INSTANCE_URL), headers.get(TENANT_ID));
        if (refusal != null || token == null) {
            call.close(Status.UNAUTHENTICATED.withDescription(refusal), trailer(AUTH_ERROR));
            return new ServerCall.Listener<>() { };
        }
        return Contexts.interceptCall(Context.current().withValue(TOKEN, token), call, headers, next);
    }

    /** Whether the session token is still valid (a stream checks it before each delivery). */
    boolean valid(String token) {
        return tokens.check(token) == TokenRegistry.Status.VALID;
    }

    static Metadata trailer(String errorCode) {
        Metadata trailers = new Metadata();
        trailers.put(ERROR_CODE, errorCode);
        return trailers;
    }

    private @Nullable String refusal(@Nullable String token, @Nullable String instance, @Nullable String tenant) {
        if (token == null || token.isBlank()) {
            return "accesstoken metadata is missing";
        }
        TokenRegistry.Status status = tokens.check(token);
        if (status != TokenRegistry.Status.VALID) {
            return status == TokenRegistry.Status.EXPIRED ? "session expired or invalid" : "invalid session id";
        }
        if (instance == null || !trim(instance).equalsIgnoreCase(trim(instanceUrl.get()))) {
            return "instanceurl metadata does not name this org's instance";
        }
        if (tenant == null || !(tenant.equals(orgId) || tenant.equals(orgId.substring(0, 15)))) {
            return "tenantid metadata does not name this org";
        }
        return null;
    }

    private static String trim(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static Metadata.Key<String> key(String name) {
        return Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER);
    }
}
