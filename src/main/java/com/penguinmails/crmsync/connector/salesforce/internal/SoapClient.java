package com.penguinmails.crmsync.connector.salesforce.internal;

import com.penguinmails.crmsync.connector.support.ApiExecutor;
import com.penguinmails.crmsync.connector.support.CrmApiException;
import com.sforce.soap.partner.LimitInfo;
import com.sforce.soap.partner.LimitInfoHeader_element;
import com.sforce.soap.partner.PartnerConnection;
import com.sforce.ws.ConnectionException;
import com.sforce.ws.ConnectorConfig;
import java.util.function.Supplier;

/**
 * The SOAP Partner API of one connection: every call goes through the {@link ApiExecutor} (pacing, token, retries)
 * on a fresh {@link PartnerConnection} logged in manually with the current access token (so a refreshed token is
 * used at once and connections are never shared between threads); faults are mapped by {@link SoapFaults} and the
 * {@code LimitInfoHeader} of each response is reported to the governor. Every call carries {@code CallOptions}
 * {@code client=penguinmails-crm-sync}, so the change events of its writes are recognised as echoes.
 */
final class SoapClient {

    /** One partner call. */
    @FunctionalInterface
    interface Call<T> {
        T execute(PartnerConnection connection) throws ConnectionException;
    }

    private final String connectionName;
    private final ApiExecutor executor;
    private final Supplier<String> instanceUrl;
    private final SalesforceSettings settings;

    SoapClient(String connectionName, ApiExecutor executor, Supplier<String> instanceUrl,
               SalesforceSettings settings) {
        this.connectionName = connectionName;
        this.executor = executor;
        this.instanceUrl = instanceUrl;
        this.settings = settings;
    }

    <T> T call(String operation, Call<T> call) {
        return call(operation, 0, call);
    }

    /** Runs {@code call}; {@code queryBatch} > 0 sets {@code QueryOptions.batchSize}. */
    <T> T call(String operation, int queryBatch, Call<T> call) {
        return executor.execute(operation, 1, token -> {
            PartnerConnection connection;
            try {
                connection = connect(token);
                if (queryBatch > 0) {
                    connection.setQueryOptions(queryBatch);
                }
                T result = call.execute(connection);
                observe(connection);
                return result;
            } catch (ConnectionException e) {
                throw SoapFaults.map(connectionName, operation, e, settings.concurrencyBackoff());
            } catch (RuntimeException e) {
                if (e instanceof CrmApiException) {
                    throw e;
                }
                throw new CrmApiException.Transient(connectionName + ": " + operation + " failed: " + e, e);
            }
        });
    }

    private PartnerConnection connect(String token) throws ConnectionException {
        ConnectorConfig config = new ConnectorConfig();
        config.setManualLogin(true);
        config.setServiceEndpoint(instanceUrl.get() + "/services/Soap/u/" + SalesforceSettings.API_VERSION);
        config.setSessionId(token);
        config.setConnectionTimeout(10_000);
        config.setReadTimeout((int) settings.readTimeout().toMillis());
        PartnerConnection connection = new PartnerConnection(config);
        connection.setCallOptions(SalesforceSettings.CALL_OPTIONS_CLIENT, null);
        return connection;
    }

    private void observe(PartnerConnection connection) {
        LimitInfoHeader_element header = connection.getLimitInfoHeader();
        if (header == null || header.getLimitInfo() == null) {
            return;
        }
        for (LimitInfo info : header.getLimitInfo()) {
            if ("API REQUESTS".equals(info.getType())) {
                executor.governor().observeDailyQuota(info.getCurrent(), info.getLimit(), null);
            }
        }
    }
}
