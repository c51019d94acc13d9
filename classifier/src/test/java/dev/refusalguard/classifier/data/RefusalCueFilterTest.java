package dev.refusalguard.classifier.data;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RefusalCueFilterTest {

    @Test
    void aCapabilityDisclaimerFollowedByAnOfferIsNotACleanRefusal() {
        String text = "As an AI language model, I cannot see images, but I can certainly describe a medieval castle for you.";
        assertThat(RefusalCueFilter.hasStrongCue(text, 100)).isTrue();
        assertThat(RefusalCueFilter.hasOfferAfterDecline(text, 300)).isTrue();
    }

    @Test
    void aDeclineWithAnOfferAfterTheWordHoweverIsRecognised() {
        assertThat(RefusalCueFilter.hasOfferAfterDecline(
                "I'm sorry, I can't unlock your car. However, I can provide you with some tips.", 300)).isTrue();
        assertThat(RefusalCueFilter.hasOfferAfterDecline(
                "I cannot share the full protocol. I can, however, discuss the general principles.", 300)).isTrue();
    }

    @Test
    void aPlainDeclineHasNoOffer() {
        String text = "I'm sorry, but I can't help with creating malware. It could cause real harm.";
        assertThat(RefusalCueFilter.hasStrongCue(text, 100)).isTrue();
        assertThat(RefusalCueFilter.hasOfferAfterDecline(text, 300)).isFalse();
    }
}
