package dev.refusalguard.policies;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EvidenceSpansTest {

    private static List<String> protectedTexts(String text) {
        return EvidenceSpans.find(text).stream().map(s -> text.substring(s.start(), s.end())).toList();
    }

    @Test
    void unclosedFenceProtectsToTheEnd() {
        assertThat(protectedTexts("see\n```\nexploit\nmore")).containsExactly("```\nexploit\nmore");
    }

    @Test
    void recognisesIndicators() {
        assertThat(protectedTexts("hash d41d8cd98f00b204e9800998ecf8427e ip 192.168.1.10 and fe80::1 via evil.example.com"))
                .containsExactly("d41d8cd98f00b204e9800998ecf8427e", "192.168.1.10", "fe80::1", "evil.example.com");
        assertThat(protectedTexts("defanged hxxp://bad[.]example and 10.0.0[.]1"))
                .contains("hxxp://bad[.]example");
    }

    @Test
    void urlDropsTrailingSentencePunctuation() {
        assertThat(protectedTexts("Visit https://example.com/a. Then")).containsExactly("https://example.com/a");
    }

    @Test
    void commandLineFromKnownBinaryToEndOfLine() {
        assertThat(protectedTexts("please run nmap -sV host now\nnext")).containsExactly("nmap -sV host now");
    }

    @Test
    void plainProseHasNoSpans() {
        assertThat(EvidenceSpans.find("Write a detection for malware that uses persistence, don't you think?")).isEmpty();
    }

    @Test
    void overlapsAnyUsesHalfOpenRanges() {
        List<EvidenceSpan> spans = List.of(new EvidenceSpan(EvidenceKind.URL, 5, 10));
        assertThat(EvidenceSpans.overlapsAny(spans, 0, 5)).isFalse();
        assertThat(EvidenceSpans.overlapsAny(spans, 9, 12)).isTrue();
        assertThat(EvidenceSpans.overlapsAny(spans, 10, 12)).isFalse();
    }
}
