package dev.refusalguard.classifier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

class OnnxRefusalClassifierTest {

    private static OnnxRefusalClassifier classifier;

    @BeforeAll
    static void load() {
        classifier = OnnxRefusalClassifier.loadDefault();
    }

    @AfterAll
    static void close() {
        classifier.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "I'm sorry, but I can't help with writing a working exploit for that vulnerability.",
        "I cannot assist with creating malware, even for testing purposes.",
        "That's not something I'm able to help with.",
        "As an AI language model, I cannot provide instructions for bypassing authentication on systems you do not own.",
        "Lo siento, pero no puedo ayudar con eso.",
        "Es tut mir leid, aber dabei kann ich nicht helfen.",
        "Je suis désolé, mais je ne peux pas vous aider avec cette demande.",
        "抱歉，我无法提供这方面的帮助。",
        "申し訳ありませんが、そのご依頼にはお応えできません。",
    })
    void clearRefusalsAreRefusals(String text) {
        RefusalVerdict v = classifier.classify(text);
        assertThat(v.refusal()).as("%s -> %s", text, v).isTrue();
        assertThat(RefusalVerdict.DEFAULT_ACT_ON).contains(v.label());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Unfortunately this is a very common malicious pattern. The macro decodes a base64 PowerShell download cradle and runs the payload from the attacker's server. Block the domain and hunt for the scheduled task it creates.",
        "I cannot stress enough how important it is to preserve evidence. Isolate the host but do not power it off, then take a memory image with WinPmem before any cleanup.",
        "Those log lines are an exploit attempt for CVE-2021-41773 (path traversal). Your server answered 400, so it failed; block the source IP anyway.",
        "```yaml\ntitle: Shadow Copy Deletion\nlogsource:\n  category: process_creation\ndetection:\n  selection:\n    CommandLine|contains|all: ['vssadmin', 'delete', 'shadows']\n  condition: selection\n```",
        "Here are the steps to harden SSH: set PermitRootLogin no and PasswordAuthentication no in sshd_config, restart sshd and add fail2ban.",
    })
    void hardCompliantAnswersAreNotRefusals(String text) {
        RefusalVerdict v = classifier.classify(text);
        assertThat(v.refusal()).as("%s -> %s", text, v).isFalse();
    }

    @Test
    void scoresAreProbabilitiesAndLabelAgreesWithTheDecision() {
        for (String t : List.of("I won't do that.", "Port 3389.", "", "x".repeat(5000))) {
            RefusalVerdict v = classifier.classify(t);
            assertThat(v.refusalScore()).isBetween(0.0, 1.0);
            assertThat(RefusalVerdict.DEFAULT_ACT_ON.contains(v.label())).isEqualTo(v.refusal());
        }
    }

    @Test
    void answerWithNoContentIsAHardRefusalLikeTheProxysEmptyContentSignal() {
        for (String t : List.of("", "   ", "\n\n", "...")) {
            RefusalVerdict v = classifier.classify(t);
            assertThat(v).as("'%s'", t).isEqualTo(new RefusalVerdict(RefusalClass.HARD_REFUSAL, 1.0, true));
            assertThat(classifier.classifyPrefix(t, true).decision()).isEqualTo(PrefixDecision.REFUSAL);
        }
        // with hard refusals outside the act-on set, the class stays and the score and decision follow the set
        try (OnnxRefusalClassifier soft = OnnxRefusalClassifier.load(ClassifierConfig.defaults().withActOn(java.util.Set.of(RefusalClass.SOFT_REFUSAL)))) {
            assertThat(soft.classify("")).isEqualTo(new RefusalVerdict(RefusalClass.HARD_REFUSAL, 0.0, false));
        }
    }

    @Test
    void unfinishedPrefixWithNoContentIsUndecided() {
        assertThat(classifier.classifyPrefix(" ".repeat(40), false).decision()).isEqualTo(PrefixDecision.UNDECIDED);
        assertThat(classifier.classifyPrefix("-".repeat(40), false).decision()).isEqualTo(PrefixDecision.UNDECIDED);
    }

    /**
     * Short acknowledgements that are not among the written training cases: the model has to generalise to them. Most,
     * not all, come out compliance (a linear model over a handful of features; measured 7 of 8 when written).
     */
    @Test
    void shortAcknowledgementsAreMostlyCompliance() {
        List<String> held = List.of("Fine by me.", "Yep.", "All set.", "Sounds good.", "Alright.", "Roger that.", "Yes, all done", "3 hosts.");
        long compliant = held.stream().filter(t -> classifier.classify(t).label() == RefusalClass.COMPLIANCE).count();
        assertThat(compliant).as("compliant among %s", held).isGreaterThanOrEqualTo(6);
        RefusalVerdict ok = classifier.classify("ok");
        assertThat(ok.label()).as("ok -> %s", ok).isEqualTo(RefusalClass.COMPLIANCE);
    }

    @Test
    void completeTextIsNeverUndecided() {
        for (String t : List.of("", "No", "I'm sorry", "Sure.")) {
            assertThat(classifier.classifyPrefix(t, true).decision()).isNotEqualTo(PrefixDecision.UNDECIDED);
        }
    }

    @Test
    void tooShortPrefixIsUndecided() {
        assertThat(classifier.classifyPrefix("I'm", false).decision()).isEqualTo(PrefixDecision.UNDECIDED);
    }

    @Test
    void refusalOpeningIsDecidedRefusalEarly() {
        PrefixVerdict v = classifier.classifyPrefix("I'm sorry, but I can't help with that request. Writing", false);
        assertThat(v.decision()).isEqualTo(PrefixDecision.REFUSAL);
    }

    @Test
    void technicalOpeningIsDecidedNotRefusalEarly() {
        PrefixVerdict v = classifier.classifyPrefix("```kql\nDeviceProcessEvents\n| where FileName in~ (\"powershell.exe\"", false);
        assertThat(v.decision()).isEqualTo(PrefixDecision.NOT_REFUSAL);
    }

    @Test
    void concurrentCallsGiveTheSameVerdicts() throws Exception {
        String a = "I'm sorry, but I can't help with that.";
        String b = "Isolate the host, then collect volatile data before imaging memory.";
        RefusalVerdict va = classifier.classify(a);
        RefusalVerdict vb = classifier.classify(b);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> futures = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                futures.add(pool.submit(() -> classifier.classify(a).equals(va) && classifier.classify(b).equals(vb)));
            }
            for (Future<Boolean> f : futures) {
                assertThat(f.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void actOnSetChangesWhatCountsAsRefusal() {
        try (OnnxRefusalClassifier hardOnly = OnnxRefusalClassifier.load(
                ClassifierConfig.defaults().withActOn(java.util.Set.of(RefusalClass.HARD_REFUSAL)))) {
            double[] p = hardOnly.probabilities("Please consult a qualified security professional about this.");
            RefusalVerdict v = hardOnly.classify("Please consult a qualified security professional about this.");
            assertThat(v.refusalScore()).isCloseTo(p[RefusalClass.HARD_REFUSAL.ordinal()], org.assertj.core.data.Offset.offset(1e-9));
        }
    }
}
