package com.penguinmails.crmsync.connector.support;

import com.penguinmails.crmsync.core.CrmProviders;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Makes every {@link CrmConnectorProvider} bean a registered CRM: the one {@link CrmProviders} the application asks
 * about CRMs. Adding a CRM is adding its provider bean; nothing here changes.
 */
@Configuration(proxyBeanMethods = false)
public class CrmProviderRegistration {

    @Bean
    public CrmProviders crmProviders(List<CrmConnectorProvider> providers) {
        return new CrmProviders(providers);
    }
}
