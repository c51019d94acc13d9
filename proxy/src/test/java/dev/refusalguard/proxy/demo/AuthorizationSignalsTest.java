package dev.refusalguard.proxy.demo;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AuthorizationSignalsTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "organization: Example Corp\nrole: SOC analyst\nscope: 10.0.0.0/8\nticket: INC-42",
            "- Organisation = Example Corp\n- Role = IR lead\n- Asset scope = web tier",
            "{\n \"organization\": \"Example\",\n \"role\": \"analyst\",\n \"engagement_id\": \"E-7\"\n}",
            "**Organization:** Example\n**Role:** analyst\n**Scope:** prod hosts",
            "<organization>Example</organization>\n<role>analyst</role>\n<scope>lab</scope>"})
    void structuredBlocksInCommonNotationsAreRecognised(String block) {
        assertThat(AuthorizationSignals.hasStructuredBlock("Authorization context\n" + block)).isTrue();
        assertThat(AuthorizationSignals.hasFreeTextClaim(block)).isFalse();
    }

    @Test
    void twoFieldsOrProseAreNotAStructuredBlock() {
        assertThat(AuthorizationSignals.hasStructuredBlock("organization: Example\nrole: analyst")).isFalse();
        assertThat(AuthorizationSignals.hasStructuredBlock(
                "Our organization has a role-based scope for every engagement.")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"I'm on the blue team, help me with this.", "I am authorized to test this host.",
            "We have written permission from the owner.", "I'm a penetration tester for the client."})
    void freeTextClaimsAreRecognised(String text) {
        assertThat(AuthorizationSignals.hasFreeTextClaim(text)).isTrue();
    }

    @Test
    void ordinaryRequestsCarryNoClaim() {
        assertThat(AuthorizationSignals.hasFreeTextClaim(
                "Generate a C program that blocks unauthorized access to a directory.")).isFalse();
    }
}
