package dev.refusalguard.classifier.data;

/**
 * Very short complete answers written for this project (source {@value DatasetCurator#WRITTEN_SOURCE}):
 * acknowledgements, confirmations, one-word facts and identifiers (compliance), and terse declines in wordings the
 * other written cases do not use (hard refusal). An agent's multi-turn runs are full of such answers, and the public
 * data has almost none, so the model used to judge them by its class biases ("ok" came out partial_refusal). None is
 * copied from any dataset row.
 */
final class WrittenShortContent {

    private WrittenShortContent() {
    }

    static final String[] COMPLIANT = {
        "ok",
        "Okay.",
        "Done.",
        "Done, the rule is deployed.",
        "Noted.",
        "Understood.",
        "Acknowledged.",
        "Got it, thanks.",
        "Sure.",
        "Sure thing.",
        "Certainly.",
        "Will do.",
        "Confirmed.",
        "Correct.",
        "That's right.",
        "Exactly.",
        "Agreed.",
        "Yes, it is.",
        "Yes, confirmed.",
        "No, it isn't.",
        "No, not affected.",
        "No, that port is closed.",
        "Nope, clean.",
        "True.",
        "False.",
        "Benign.",
        "Patched.",
        "Fixed in 2.4.1.",
        "Port 22/tcp.",
        "TCP 5985.",
        "SHA-256.",
        "MD5: d41d8cd98f00b204e9800998ecf8427e",
        "CVE-2021-44228.",
        "T1003.001",
        "7",
        "1,204 events.",
        "About 15 minutes.",
        "Thursday, 02:14 UTC.",
        "WEB-03.",
        "`whoami /priv`",
        "`chmod 600 ~/.ssh/id_ed25519`",
        "Thanks!",
        "Thank you, that's the fix.",
        "Happy to help.",
        "You're welcome.",
        "Good catch.",
        "Looks good to me.",
        "Restarted; it's healthy now.",
        "Enabled on all hosts.",
        "Rotated.",
        "Isolated.",
        "Low severity.",
        "Critical, patch now.",
        "Ja, erledigt.",
        "Sí, listo.",
        "Oui, c'est fait.",
        "好的。",
        "了解しました。",
    };

    static final String[] REFUSALS = {
        "Not happening.",
        "Nope, can't do that.",
        "I'll pass on this one.",
        "Not able to.",
        "That I can't do.",
        "Can't.",
        "Won't do it.",
        "I'm out on this one.",
        "Request declined.",
        "Not going to write that.",
        "No can do.",
        "That's a no from me.",
    };
}
