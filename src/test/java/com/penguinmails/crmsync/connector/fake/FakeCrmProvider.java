package com.penguinmails.crmsync.connector.fake;

import com.penguinmails.crmsync.connector.support.ApiExecutor;
import com.penguinmails.crmsync.connector.support.ConnectionContext;
import com.penguinmails.crmsync.connector.support.CrmConnectorProvider;
import com.penguinmails.crmsync.connector.support.CrmWebhooks;
import com.penguinmails.crmsync.connector.support.OAuthEndpoint;
import com.penguinmails.crmsync.connector.support.RateLimitSpec;
import com.penguinmails.crmsync.core.AuthMode;
import com.penguinmails.crmsync.core.CrmConnector;
import com.penguinmails.crmsync.core.CrmKind;
import com.penguinmails.crmsync.core.SettingRule;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The fake CRM's provider: all a CRM's package declares (id, display name, its own setting, API tokens only, a chunk
 * size), opening every connection on one shared {@link FakeCrm}. A test registers it as a bean, which is the whole
 * registration.
 */
public final class FakeCrmProvider implements CrmConnectorProvider {

    /** The fake CRM's id. */
    public static final CrmKind KIND = CrmKind.of("fakecrm");

    private final FakeCrm crm;
    private final CrmKind kind;
    private final @Nullable CrmWebhooks webhooks;

    public FakeCrmProvider(FakeCrm crm) {
        this(crm, KIND, null);
    }

    /** A fake CRM of another id that delivers webhooks the {@code webhooks} way (tests of {@code crm-sync serve}). */
    public FakeCrmProvider(FakeCrm crm, CrmKind kind, @Nullable CrmWebhooks webhooks) {
        this.crm = crm;
        this.kind = kind;
        this.webhooks = webhooks;
    }

    @Override
    public CrmKind kind() {
        return kind;
    }

    @Override
    public Optional<CrmWebhooks> webhooks() {
        return Optional.ofNullable(webhooks);
    }

    @Override
    public String displayName() {
        return "FakeCRM";
    }

    @Override
    public List<SettingRule> settingRules() {
        return List.of(SettingRule.text("region", "the fake CRM's data region"));
    }

    @Override
    public Set<AuthMode> authModes() {
        return Set.of(AuthMode.API_TOKEN);
    }

    @Override
    public int outboundChunkSize() {
        return 7;
    }

    @Override
    public OAuthEndpoint oauthEndpoint(ConnectionContext context) {
        return new OAuthEndpoint(URI.create("http://127.0.0.1:9/oauth/token"), OAuthEndpoint.ClientAuthentication.FORM,
                Duration.ofHours(1));
    }

    @Override
    public RateLimitSpec rateLimits(ConnectionContext context) {
        return new RateLimitSpec(1000, Duration.ofSeconds(1), 1_000_000, 1.0);
    }

    @Override
    public CrmConnector open(ConnectionContext context, ApiExecutor executor) {
        return crm;
    }
}
