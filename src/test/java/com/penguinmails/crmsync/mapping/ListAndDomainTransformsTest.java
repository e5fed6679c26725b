package com.penguinmails.crmsync.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ListAndDomainTransformsTest {

    @Test
    void splitReadsSeparatedValuesAsASortedDistinctListAndNothingAsTheEmptyList() {
        Transform inbound = TransformSpec.chain(List.of("split:;"), false);

        assertThat(inbound.apply(" vip ;partner;;vip; beta")).isEqualTo(List.of("beta", "partner", "vip"));
        assertThat(inbound.apply(null)).isEqualTo(List.of());
        assertThat(inbound.apply("")).isEqualTo(List.of());
        assertThat(inbound.apply(List.of("b", "a"))).isEqualTo(List.of("a", "b"));
    }

    @Test
    void splitJoinsOutboundAndAnEmptyListClearsTheField() {
        Transform outbound = TransformSpec.chain(List.of("split:,"), true);

        assertThat(outbound.apply(List.of("a", "b"))).isEqualTo("a,b");
        assertThat(outbound.apply(List.of())).isNull();
    }

    @Test
    void domainKeepsTheHostOfAWebAddressWithoutWww() {
        Transform domain = TransformSpec.chain(List.of("trim", "domain"), false);

        assertThat(domain.apply("https://www.Acme.com/about?x=1")).isEqualTo("acme.com");
        assertThat(domain.apply("http://shop.acme.co.uk:8080")).isEqualTo("shop.acme.co.uk");
        assertThat(domain.apply("acme.example")).isEqualTo("acme.example");
        assertThat(domain.apply("  ")).isNull();
        assertThatThrownBy(() -> domain.apply("not a website")).isInstanceOf(MappingException.class)
                .hasMessageContaining("web address");
        assertThatThrownBy(() -> domain.apply("localhost")).isInstanceOf(MappingException.class);
    }
}
