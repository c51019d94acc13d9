package dev.refusalguard.policies;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AuthorizationClaimDetectorTest {

    private final AuthorizationClaimDetector detector = new AuthorizationClaimDetector();

    @Test
    void findsClaimsWhateverTheirCaseOrApostrophe() {
        assertThat(detector.claimPresent("Hello. I'm on the Blue Team at our college.")).isTrue();
        assertThat(detector.claimPresent("I’M EXPLICITLY AUTHORISED to scan this subnet")).isTrue();
        assertThat(detector.claimPresent("As a lead Threat Hunter, I want a KQL query")).isTrue();
        assertThat(detector.claimPresent("we own all the hosts in 10.0.0.0/8")).isTrue();
        assertThat(detector.claimPresent("It is part of our sanctioned engagement")).isTrue();
        assertThat(detector.claimPresent("Attached: the Letter of Authorization.")).isTrue();
    }

    @Test
    void ignoresRequestsWithoutAClaimAndWordsInsideOtherWords() {
        assertThat(detector.claimPresent("Summarise these auth.log lines and flag brute force attempts")).isFalse();
        assertThat(detector.claimPresent("xi am authorized")).isFalse();
        assertThat(detector.claimPresent("Nobody said weown the servers")).isFalse();
    }
}
