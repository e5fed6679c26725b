package com.penguinmails.crmsync.connector.pipedrive;

import com.penguinmails.crmsync.connector.pipedrive.internal.AccountFields;
import com.penguinmails.crmsync.connector.pipedrive.internal.ActivityLogger;
import com.penguinmails.crmsync.connector.pipedrive.internal.ApiTransport;
import com.penguinmails.crmsync.connector.pipedrive.internal.ChangeFeed;
import com.penguinmails.crmsync.connector.pipedrive.internal.DeletionProbe;
import com.penguinmails.crmsync.connector.pipedrive.internal.Describer;
import com.penguinmails.crmsync.connector.pipedrive.internal.ExternalIdLookup;
import com.penguinmails.crmsync.connector.pipedrive.internal.PipedriveApi;
import com.penguinmails.crmsync.connector.pipedrive.internal.PipedriveSettings;
import com.penguinmails.crmsync.connector.pipedrive.internal.RecordMapper;
import com.penguinmails.crmsync.connector.pipedrive.internal.RecordWriter;
import com.penguinmails.crmsync.connector.support.ApiExecutor;
import com.penguinmails.crmsync.connector.support.ConnectionContext;
import com.penguinmails.crmsync.connector.support.CrmConnectorProvider;
import com.penguinmails.crmsync.connector.support.OAuthEndpoint;
import com.penguinmails.crmsync.connector.support.RateLimitSpec;
import com.penguinmails.crmsync.core.CrmKind;
import java.net.URI;
import java.time.Duration;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Opens {@link PipedriveConnector}s. OAuth tokens come from {@code {oauthBaseUrl}/oauth/token} with HTTP Basic client
 * authentication (Pipedrive's access tokens last an hour); pacing and the daily token budget come from the
 * connection's settings (see {@link PipedriveSettings}).
 */
@Component
public class PipedriveConnectorProvider implements CrmConnectorProvider {

    private final JsonMapper json = JsonMapper.builder().build();

    @Override
    public CrmKind kind() {
        return CrmKind.PIPEDRIVE;
    }

    @Override
    public OAuthEndpoint oauthEndpoint(ConnectionContext context) {
        return new OAuthEndpoint(URI.create(PipedriveSettings.of(context).oauthBaseUrl() + "/oauth/token"),
                OAuthEndpoint.ClientAuthentication.BASIC, Duration.ofHours(1));
    }

    @Override
    public RateLimitSpec rateLimits(ConnectionContext context) {
        return PipedriveSettings.of(context).rateLimits();
    }

    @Override
    public PipedriveConnector open(ConnectionContext context, ApiExecutor executor) {
        PipedriveSettings settings = PipedriveSettings.of(context);
        PipedriveApi api = new PipedriveApi(new ApiTransport(executor, settings, json));
        AccountFields fields = new AccountFields(api);
        RecordMapper mapper = new RecordMapper(json);
        return new PipedriveConnector(new ChangeFeed(api, fields, mapper, settings),
                new RecordWriter(api, fields, mapper, new ExternalIdLookup(api, settings), settings),
                new ActivityLogger(api, settings), new Describer(fields, settings), new DeletionProbe(api), executor);
    }
}
