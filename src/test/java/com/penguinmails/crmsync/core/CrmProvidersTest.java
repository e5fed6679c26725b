package com.penguinmails.crmsync.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** CRM ids are values of a fixed shape; which ones exist is what the registered providers say. */
class CrmProvidersTest {

    /** A CRM described by its id and name only. */
    private record Described(CrmKind kind, String displayName) implements CrmDescription {
        @Override
        public Set<AuthMode> authModes() {
            return Set.of(AuthMode.API_TOKEN);
        }
    }

    private static final CrmProviders THREE = new CrmProviders(List.of(
            new Described(CrmKind.of("alpha"), "Alpha"), new Described(CrmKind.of("beta2"), "Beta"),
            new Described(CrmKind.of("gamma"), "Gamma")));

    @Test
    void anIdIsOneValueWhateverItsCaseOrSpaces() {
        assertThat(CrmKind.of(" Alpha ")).isSameAs(CrmKind.of("alpha")).hasToString("alpha");
        assertThat(CrmKind.of("alpha").id()).isEqualTo("alpha");
    }

    @Test
    void anIdOfAnotherShapeIsRefused() {
        assertThatThrownBy(() -> CrmKind.of("sales force")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'sales force' is not a CRM id (lowercase letters and digits, starting with a letter)");
        assertThatThrownBy(() -> CrmKind.of("2crm")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anIdNoProviderRegisteredIsRefusedNamingTheRegisteredOnes() {
        assertThat(THREE.kind("BETA2")).isSameAs(CrmKind.of("beta2"));
        assertThatThrownBy(() -> THREE.kind("zoho")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown CRM 'zoho'; expected alpha, beta2 or gamma");
        assertThatThrownBy(() -> THREE.kind("not an id")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown CRM 'not an id'; expected alpha, beta2 or gamma");
        assertThatThrownBy(() -> THREE.describe(CrmKind.of("zoho"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown CRM 'zoho'");
    }

    @Test
    void eachRegisteredCrmIsDescribedByItsProviderInRegistrationOrder() {
        assertThat(THREE.describe(CrmKind.of("gamma")).displayName()).isEqualTo("Gamma");
        assertThat(THREE.kinds()).extracting(CrmKind::id).containsExactly("alpha", "beta2", "gamma");
        assertThat(THREE.describe(CrmKind.of("alpha")).personObjects()).containsExactly(ObjectType.CONTACT);
    }

    @Test
    void twoProvidersForOneIdAreRefused() {
        assertThatThrownBy(() -> new CrmProviders(List.of(new Described(CrmKind.of("alpha"), "A"),
                new Described(CrmKind.of("alpha"), "B")))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("two providers for CRM 'alpha'");
    }
}
