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

    @Test
    void everyBranchStartsWithALetterTheDerivedPrefixesCover() {
        MatchPrefixes prefixes = AuthorizationClaimDetector.claimPattern().prefixes();
        assertThat(prefixes).as("prefixes derived for the claim expression").isNotNull();
        java.util.Set<Character> firsts = new java.util.HashSet<>();
        prefixes.strings().forEach(s -> firsts.add(s.charAt(0)));
        for (String branch : AuthorizationClaimDetector.branches()) {
            for (char first : firstLetters(branch)) {
                assertThat(firsts).as(branch).contains(first);
            }
        }
    }

    @Test
    void anchoredCandidatesJudgeExactlyAsAFullScan() throws Exception {
        java.util.List<String> texts = new java.util.ArrayList<>();
        for (var r : dev.refusalguard.policies.model.LabeledRequests.read(java.nio.file.Path.of("data/intent-eval.jsonl"))) {
            texts.add(r.text());
        }
        texts.addAll(java.util.List.of("\u0301i am authorized", "a\u0301i am authorized", "_i am authorized",
                "9we are the blue team", "x\nI am authorized", "", "i", "as an", "LETTER OF AUTHORIZATION"));
        int claims = 0;
        for (String t : texts) {
            boolean expected = AuthorizationClaimDetector.claimPresentByFullScan(t);
            claims += expected ? 1 : 0;
            assertThat(detector.claimPresent(t)).as(t).isEqualTo(expected);
        }
        assertThat(claims).as("texts with a claim").isGreaterThan(10);
    }

    /** First letters of a branch: its first char, or the first char of each alternative of a leading (?:...) group. */
    private static java.util.List<Character> firstLetters(String branch) {
        if (!branch.startsWith("(?:")) {
            return java.util.List.of(branch.charAt(0));
        }
        java.util.List<Character> out = new java.util.ArrayList<>();
        int depth = 0;
        boolean atStart = true;
        for (int i = 3; i < branch.length(); i++) {
            char c = branch.charAt(i);
            if (atStart && depth == 0) {
                out.add(c);
                atStart = false;
            }
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                if (depth == 0) {
                    break;
                }
                depth--;
            } else if (c == '|' && depth == 0) {
                atStart = true;
            }
        }
        return out;
    }
}
